-- checkpoint: write backup_target's WAL into its file.
checkpoint backup_target
