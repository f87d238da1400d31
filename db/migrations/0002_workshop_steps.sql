CREATE TABLE `agreed_traits` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`source_trait_ids` text NOT NULL,
	`source_texts` text NOT NULL,
	`agreed_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agreed_traits_workshop_idx` ON `agreed_traits` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`step` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comments_workshop_step_idx` ON `comments` (`workshop_id`,`step`);--> statement-breakpoint
CREATE TABLE `funnel_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`revenue_target` integer NOT NULL,
	`period_months` integer NOT NULL,
	`average_deal_size` integer NOT NULL,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funnel_targets_workshop_id_unique` ON `funnel_targets` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `handoff_slas` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`handoff` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handoff_slas_workshop_id_unique` ON `handoff_slas` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `lead_boards` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`revealed_at` integer,
	`revealed_by` text,
	`change_counter` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revealed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_boards_workshop_id_unique` ON `lead_boards` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `lead_traits` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`team` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`why` text DEFAULT '' NOT NULL,
	`author_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `lead_traits_workshop_idx` ON `lead_traits` (`workshop_id`,`team`);--> statement-breakpoint
CREATE TABLE `lifecycle_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`entry_criteria` text DEFAULT '' NOT NULL,
	`exit_criteria` text DEFAULT '' NOT NULL,
	`owner` text NOT NULL,
	`conversion_rate_to_next` real,
	`typical_days` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`position` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lifecycle_stages_workshop_key_idx` ON `lifecycle_stages` (`workshop_id`,`key`);--> statement-breakpoint
CREATE TABLE `personas` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`negative` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`seniority` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`industry` text DEFAULT '' NOT NULL,
	`company_size` text DEFAULT '' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`pains` text DEFAULT '' NOT NULL,
	`goals` text DEFAULT '' NOT NULL,
	`buying_role` text,
	`closed_won_match` text,
	`closed_won_note` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`updated_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `personas_workshop_idx` ON `personas` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `trait_links` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`trait_a_id` text NOT NULL,
	`trait_b_id` text NOT NULL,
	`linked` integer NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_a_id`) REFERENCES `lead_traits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_b_id`) REFERENCES `lead_traits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trait_links_pair_idx` ON `trait_links` (`workshop_id`,`trait_a_id`,`trait_b_id`);--> statement-breakpoint
CREATE TABLE `workshop_contexts` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`product` text DEFAULT '' NOT NULL,
	`deal_size` integer,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`sales_cycle_days` integer,
	`inbound_percent` integer,
	`goals` text DEFAULT '' NOT NULL,
	`participants` text DEFAULT '[]' NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_contexts_workshop_id_unique` ON `workshop_contexts` (`workshop_id`);