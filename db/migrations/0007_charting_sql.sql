-- Hand-written: guards drizzle cannot express; what a patient was given and how a chart was signed never change.
CREATE TRIGGER aftercare_templates_no_update BEFORE UPDATE ON aftercare_templates
BEGIN SELECT RAISE(ABORT, 'a published aftercare sheet never changes'); END;
--> statement-breakpoint
CREATE TRIGGER aftercare_templates_no_delete BEFORE DELETE ON aftercare_templates
BEGIN SELECT RAISE(ABORT, 'a published aftercare sheet never changes'); END;
--> statement-breakpoint
CREATE TRIGGER aftercare_given_no_update BEFORE UPDATE ON aftercare_given
BEGIN SELECT RAISE(ABORT, 'a record of aftercare given never changes'); END;
--> statement-breakpoint
CREATE TRIGGER aftercare_given_no_delete BEFORE DELETE ON aftercare_given
BEGIN SELECT RAISE(ABORT, 'a record of aftercare given never changes'); END;
--> statement-breakpoint
CREATE TRIGGER treatment_sessions_signed_stamped BEFORE UPDATE ON treatment_sessions
WHEN NEW.status = 'signed' AND (NEW.signed_at IS NULL OR NEW.signed_by IS NULL)
BEGIN SELECT RAISE(ABORT, 'a signed session needs the signer and the signing time'); END;
--> statement-breakpoint
CREATE TRIGGER session_addenda_signed_only BEFORE INSERT ON session_addenda
WHEN (SELECT status FROM treatment_sessions WHERE id = NEW.session_id) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum is added to a signed session; a draft is edited instead'); END;
