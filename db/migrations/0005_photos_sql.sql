-- Hand-written: guards drizzle cannot express; a stored photo's record (its file name and SHA-256) is fixed once written.
CREATE TRIGGER session_photos_checked BEFORE INSERT ON session_photos
WHEN NEW.kind NOT IN ('before', 'after')
  OR NEW.mime NOT IN ('image/jpeg', 'image/png', 'image/webp')
  OR length(NEW.sha256) <> 64 OR NEW.sha256 GLOB '*[^0-9a-f]*'
  OR NEW.bytes <= 0
BEGIN SELECT RAISE(ABORT, 'a photo needs its kind (before or after), an image type, its SHA-256 and its size'); END;
--> statement-breakpoint
CREATE TRIGGER session_photos_never_change BEFORE UPDATE ON session_photos
BEGIN SELECT RAISE(ABORT, 'a stored photo never changes'); END;
--> statement-breakpoint
CREATE TRIGGER session_photos_no_delete BEFORE DELETE ON session_photos
BEGIN SELECT RAISE(ABORT, 'a photo is kept with the chart; it is never deleted'); END;
