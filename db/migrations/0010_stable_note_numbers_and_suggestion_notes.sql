ALTER TABLE `criterion_suggestions` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `lead_boards` ADD `marketing_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `lead_boards` ADD `sales_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `lead_traits` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `lead_traits` SET `seq` = (SELECT count(*) FROM `lead_traits` AS `earlier` WHERE `earlier`.`workshop_id` = `lead_traits`.`workshop_id` AND `earlier`.`team` = `lead_traits`.`team` AND (`earlier`.`created_at` < `lead_traits`.`created_at` OR (`earlier`.`created_at` = `lead_traits`.`created_at` AND `earlier`.`id` <= `lead_traits`.`id`)));--> statement-breakpoint
UPDATE `lead_boards` SET `marketing_seq` = (SELECT coalesce(max(`seq`), 0) FROM `lead_traits` WHERE `lead_traits`.`workshop_id` = `lead_boards`.`workshop_id` AND `lead_traits`.`team` = 'marketing'), `sales_seq` = (SELECT coalesce(max(`seq`), 0) FROM `lead_traits` WHERE `lead_traits`.`workshop_id` = `lead_boards`.`workshop_id` AND `lead_traits`.`team` = 'sales');
