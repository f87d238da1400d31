CREATE TABLE `assessment_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`respondent_key` text NOT NULL,
	`team` text NOT NULL,
	`channel` text NOT NULL,
	`answers` text NOT NULL,
	`mql_definition` text DEFAULT '' NOT NULL,
	`sql_definition` text DEFAULT '' NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `assessment_rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_responses_round_respondent_idx` ON `assessment_responses` (`round_id`,`respondent_key`);--> statement-breakpoint
CREATE INDEX `assessment_responses_round_idx` ON `assessment_responses` (`round_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `assessment_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`name` text NOT NULL,
	`question_set_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by` text,
	`closed_at` integer,
	`closed_by` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assessment_rounds_workshop_idx` ON `assessment_rounds` (`workshop_id`,`opened_at`);