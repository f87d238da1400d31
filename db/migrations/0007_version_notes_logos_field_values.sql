CREATE TABLE `workshop_logos` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`data` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`uploaded_by` text,
	`uploaded_at` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`id` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_logos_id_unique` ON `workshop_logos` (`id`);--> statement-breakpoint
ALTER TABLE `scoring_fields` ADD `values` text;--> statement-breakpoint
ALTER TABLE `versions` ADD `note` text DEFAULT '' NOT NULL;