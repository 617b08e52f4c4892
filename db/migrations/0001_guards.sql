-- Hand-written: the database itself refuses edits that would rewrite clinical or legal history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients are archived, never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER consent_templates_no_update BEFORE UPDATE ON consent_templates
BEGIN SELECT RAISE(ABORT, 'a published consent template never changes'); END;
--> statement-breakpoint
CREATE TRIGGER consent_templates_no_delete BEFORE DELETE ON consent_templates
BEGIN SELECT RAISE(ABORT, 'a published consent template never changes'); END;
--> statement-breakpoint
CREATE TRIGGER questionnaires_no_update BEFORE UPDATE ON questionnaires
BEGIN SELECT RAISE(ABORT, 'a published questionnaire never changes'); END;
--> statement-breakpoint
CREATE TRIGGER questionnaires_no_delete BEFORE DELETE ON questionnaires
BEGIN SELECT RAISE(ABORT, 'a published questionnaire never changes'); END;
--> statement-breakpoint
CREATE TRIGGER intakes_no_update BEFORE UPDATE ON intakes
BEGIN SELECT RAISE(ABORT, 'a submitted intake never changes'); END;
--> statement-breakpoint
CREATE TRIGGER intakes_no_delete BEFORE DELETE ON intakes
BEGIN SELECT RAISE(ABORT, 'a submitted intake never changes'); END;
--> statement-breakpoint
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'a signed consent is never deleted'); END;
--> statement-breakpoint
-- Only voiding is allowed, once: every signed field stays as it was.
CREATE TRIGGER consents_signed_immutable BEFORE UPDATE ON consents
WHEN OLD.voided_at IS NOT NULL
  OR NEW.voided_at IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.template_id IS NOT OLD.template_id
  OR NEW.treatment_type IS NOT OLD.treatment_type
  OR NEW.rendered_text IS NOT OLD.rendered_text
  OR NEW.fields IS NOT OLD.fields
  OR NEW.signature IS NOT OLD.signature
  OR NEW.signed_by_name IS NOT OLD.signed_by_name
  OR NEW.guardian_name IS NOT OLD.guardian_name
  OR NEW.guardian_relationship IS NOT OLD.guardian_relationship
  OR NEW.photo_consent IS NOT OLD.photo_consent
  OR NEW.witness_user_id IS NOT OLD.witness_user_id
  OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.signed_at IS NOT OLD.signed_at
  OR NEW.content_hash IS NOT OLD.content_hash
BEGIN SELECT RAISE(ABORT, 'a signed consent never changes'); END;
--> statement-breakpoint
CREATE TRIGGER treatment_sessions_signed_locked BEFORE UPDATE ON treatment_sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed session is locked'); END;
--> statement-breakpoint
CREATE TRIGGER treatment_sessions_no_delete BEFORE DELETE ON treatment_sessions
BEGIN SELECT RAISE(ABORT, 'treatment sessions are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER session_products_locked_insert BEFORE INSERT ON session_products
WHEN (SELECT status FROM treatment_sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed session is locked'); END;
--> statement-breakpoint
CREATE TRIGGER session_products_no_update BEFORE UPDATE ON session_products
BEGIN SELECT RAISE(ABORT, 'a product use is corrected with a new stock movement, not an edit'); END;
--> statement-breakpoint
CREATE TRIGGER session_products_no_delete BEFORE DELETE ON session_products
BEGIN SELECT RAISE(ABORT, 'a product use is corrected with a new stock movement, not an edit'); END;
--> statement-breakpoint
CREATE TRIGGER session_addenda_no_update BEFORE UPDATE ON session_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum never changes'); END;
--> statement-breakpoint
CREATE TRIGGER session_addenda_no_delete BEFORE DELETE ON session_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum never changes'); END;
