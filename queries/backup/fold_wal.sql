-- fold_wal: on a connection of the backup file itself, fold a WAL left next to it into the file.
checkpoint
