CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `patient_name_keys` (
	`key` text NOT NULL,
	`patient_id` integer NOT NULL,
	PRIMARY KEY(`key`, `patient_id`),
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patient_name_keys_patient` ON `patient_name_keys` (`patient_id`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chart_number` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`sex` text,
	`phone` text,
	`email` text,
	`address` text,
	`fitzpatrick` integer,
	`allergies` text DEFAULT '[]' NOT NULL,
	`medications` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`flags` text DEFAULT '[]' NOT NULL,
	`name_key` text NOT NULL,
	`phone_digits` text,
	`phone_digits_reversed` text,
	`archived_at` text,
	`archived_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_chart_number_unique` ON `patients` (`chart_number`);--> statement-breakpoint
CREATE INDEX `patients_name_key_dob` ON `patients` (`name_key`,`date_of_birth`);--> statement-breakpoint
CREATE INDEX `patients_phone_digits` ON `patients` (`phone_digits`);--> statement-breakpoint
CREATE INDEX `patients_phone_digits_reversed` ON `patients` (`phone_digits_reversed`);--> statement-breakpoint
CREATE INDEX `patients_date_of_birth` ON `patients` (`date_of_birth`);--> statement-breakpoint
CREATE TABLE `intakes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`questionnaire_id` integer NOT NULL,
	`answers` text NOT NULL,
	`flags` text NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` integer,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaires`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intakes_patient` ON `intakes` (`patient_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `questionnaires` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaires_version_unique` ON `questionnaires` (`version`);--> statement-breakpoint
CREATE TABLE `consent_templates` (
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
CREATE UNIQUE INDEX `consent_templates_type_version` ON `consent_templates` (`treatment_type`,`version`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`treatment_type` text NOT NULL,
	`rendered_text` text NOT NULL,
	`fields` text NOT NULL,
	`signature` text NOT NULL,
	`signed_by_name` text NOT NULL,
	`guardian_name` text,
	`guardian_relationship` text,
	`photo_consent` integer NOT NULL,
	`witness_user_id` integer,
	`recorded_by` integer,
	`signed_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `consent_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`witness_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_patient` ON `consents` (`patient_id`,`treatment_type`,`signed_at`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`lot_number` text NOT NULL,
	`expires_on` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`supplier` text,
	`invoice` text,
	`received_on` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_product_lot_number` ON `lots` (`product_id`,`lot_number`);--> statement-breakpoint
CREATE INDEX `lots_lot_number` ON `lots` (`lot_number`);--> statement-breakpoint
CREATE INDEX `lots_expires_on` ON `lots` (`expires_on`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`manufacturer` text,
	`strength` text,
	`unit` text NOT NULL,
	`ingredients` text DEFAULT '[]' NOT NULL,
	`gtin` text,
	`code` text,
	`default_quantity` real,
	`compounded` integer DEFAULT false NOT NULL,
	`compounding_pharmacy` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`quantity` real NOT NULL,
	`reason` text,
	`session_product_id` integer,
	`at` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_lot` ON `stock_movements` (`lot_id`);--> statement-breakpoint
CREATE TABLE `aftercare_given` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`treatment_type` text NOT NULL,
	`version` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `treatment_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `aftercare_given_session` ON `aftercare_given` (`session_id`);--> statement-breakpoint
CREATE TABLE `session_addenda` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`text` text NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `treatment_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_addenda_session` ON `session_addenda` (`session_id`);--> statement-breakpoint
CREATE TABLE `session_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`width` integer,
	`height` integer,
	`bytes` integer NOT NULL,
	`taken_at` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `treatment_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_photos_session` ON `session_photos` (`session_id`);--> statement-breakpoint
CREATE TABLE `session_products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`quantity` real NOT NULL,
	`area` text,
	`at` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `treatment_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_products_session` ON `session_products` (`session_id`);--> statement-breakpoint
CREATE INDEX `session_products_lot` ON `session_products` (`lot_id`,`session_id`);--> statement-breakpoint
CREATE TABLE `treatment_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`treatment_type` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`performed_at` text NOT NULL,
	`practitioner_id` integer,
	`parameters` text DEFAULT '{}' NOT NULL,
	`areas` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`override_reason` text,
	`signed_at` text,
	`signed_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practitioner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `treatment_sessions_patient` ON `treatment_sessions` (`patient_id`,`performed_at`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`practitioner_id` integer NOT NULL,
	`room` text,
	`treatment_type` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`cancel_reason` text,
	`checked_in_at` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practitioner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_practitioner_start` ON `appointments` (`practitioner_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_room_start` ON `appointments` (`room`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_start` ON `appointments` (`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_patient` ON `appointments` (`patient_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`patient_id` integer,
	`change_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_patient` ON `audit_log` (`patient_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_user` ON `audit_log` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`label` text,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`integrity` text NOT NULL,
	`audit_head` text,
	`created_at` text NOT NULL
);
