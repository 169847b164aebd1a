-- attach: open the partial backup file $path, read-write, as backup_target.
attach $path as backup_target (read_only false)
