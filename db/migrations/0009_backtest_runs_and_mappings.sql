CREATE TABLE `backtest_mappings` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`mapping` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `backtest_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`created_by` text,
	`file_name` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`format` text NOT NULL,
	`delimiter` text DEFAULT '' NOT NULL,
	`columns` text NOT NULL,
	`status` text DEFAULT 'mapping' NOT NULL,
	`temp_path` text,
	`mapping` text,
	`models` text,
	`as_of` integer,
	`rows_done` integer DEFAULT 0 NOT NULL,
	`bytes_done` integer DEFAULT 0 NOT NULL,
	`rows_per_second` real,
	`bad_row_count` integer DEFAULT 0 NOT NULL,
	`bad_rows` text DEFAULT '[]' NOT NULL,
	`results` text,
	`error` text,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `backtest_runs_workshop_idx` ON `backtest_runs` (`workshop_id`,`created_at`);