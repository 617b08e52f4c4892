CREATE TABLE `aftercare_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`treatment_type` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aftercare_templates_type_version` ON `aftercare_templates` (`treatment_type`,`version`);--> statement-breakpoint
ALTER TABLE `treatment_sessions` ADD `numbing` text;--> statement-breakpoint
ALTER TABLE `treatment_sessions` ADD `override_rules` text;