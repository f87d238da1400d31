CREATE TABLE `criterion_suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`source` text NOT NULL,
	`source_label` text NOT NULL,
	`section` text NOT NULL,
	`label` text NOT NULL,
	`condition` text,
	`activity` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `criterion_suggestions_workshop_idx` ON `criterion_suggestions` (`workshop_id`,`status`);--> statement-breakpoint
CREATE TABLE `example_leads` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`name` text NOT NULL,
	`lead` text NOT NULL,
	`as_of` integer NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `example_leads_workshop_idx` ON `example_leads` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `scoring_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_activities_workshop_key_idx` ON `scoring_activities` (`workshop_id`,`key`);--> statement-breakpoint
CREATE TABLE `scoring_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_fields_workshop_key_idx` ON `scoring_fields` (`workshop_id`,`key`);--> statement-breakpoint
CREATE TABLE `scoring_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`section` text NOT NULL,
	`rule_key` text NOT NULL,
	`label` text NOT NULL,
	`points` integer,
	`condition` text,
	`activity` text,
	`within_days` integer,
	`max_points` integer,
	`position` integer NOT NULL,
	`updated_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_rules_workshop_key_idx` ON `scoring_rules` (`workshop_id`,`rule_key`);--> statement-breakpoint
CREATE INDEX `scoring_rules_workshop_idx` ON `scoring_rules` (`workshop_id`,`section`);--> statement-breakpoint
CREATE TABLE `scoring_settings` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`fit_max` integer NOT NULL,
	`engagement_max` integer NOT NULL,
	`half_life_days` integer,
	`mql_min_fit` integer NOT NULL,
	`mql_min_engagement` integer NOT NULL,
	`sql_min_met` integer NOT NULL,
	`grades` text NOT NULL,
	`required` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`id` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_settings_id_unique` ON `scoring_settings` (`id`);