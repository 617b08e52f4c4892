ALTER TABLE `backups` ADD `kind` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `backups` ADD `audit_entries` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `backups` ADD `photos` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `backups` ADD `encrypted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `backups` ADD `verified_at` text;--> statement-breakpoint
ALTER TABLE `backups` ADD `verification` text;--> statement-breakpoint
ALTER TABLE `backups` ADD `pruned_at` text;--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`,`entity_id`,`seq`);