-- Published versions are the signed record of what both teams agreed: no code path, script or
-- manual SQL may change or remove one. The database itself refuses.
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN
  SELECT RAISE(ABORT, 'published versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN
  SELECT RAISE(ABORT, 'published versions are immutable');
END;
