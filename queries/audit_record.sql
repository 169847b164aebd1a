-- audit_record: append one entry to the audit log (the log is never updated or deleted from).
insert into audit_log (actor, action, object, detail) values ($actor, $action, $object, $detail)
