ALTER TABLE `scoring_activities` ADD `properties` text;--> statement-breakpoint
ALTER TABLE `scoring_rules` ADD `options` text;--> statement-breakpoint
ALTER TABLE `scoring_settings` ADD `bands` text;--> statement-breakpoint
ALTER TABLE `scoring_settings` ADD `priorities` text;