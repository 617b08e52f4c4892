DROP INDEX `session_products_session`;--> statement-breakpoint
DROP INDEX `session_products_lot`;--> statement-breakpoint
CREATE INDEX `session_products_session` ON `session_products` (`session_id`,`id`,`lot_id`,`quantity`,`area`);--> statement-breakpoint
CREATE INDEX `session_products_lot` ON `session_products` (`lot_id`,`session_id`,`quantity`);--> statement-breakpoint
DROP INDEX `treatment_sessions_patient`;--> statement-breakpoint
CREATE INDEX `treatment_sessions_patient` ON `treatment_sessions` (`patient_id`,`performed_at`,`id`,`treatment_type`,`status`,`practitioner_id`,`signed_at`);