CREATE TABLE `membership_removals` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`user_id` text NOT NULL,
	`removed_at` integer NOT NULL,
	`removed_by` text,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `membership_removals_workshop_user_idx` ON `membership_removals` (`workshop_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `share_links` ADD `expires_at` integer;