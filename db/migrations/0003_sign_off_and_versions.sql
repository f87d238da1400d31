CREATE TABLE `sign_offs` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`section` text NOT NULL,
	`team` text NOT NULL,
	`user_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`signed_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdraw_comment` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_offs_workshop_section_idx` ON `sign_offs` (`workshop_id`,`section`);--> statement-breakpoint
CREATE TABLE `versions` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`number` integer NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL,
	`snapshot` text NOT NULL,
	`changelog` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_workshop_number_idx` ON `versions` (`workshop_id`,`number`);