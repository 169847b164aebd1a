-- detach: close backup_target.
detach backup_target
