ALTER TABLE `workshops` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `workshops` ADD `deleted_at` integer;