-- copy: schema, data and sequences of the source database into backup_target. COPY FROM DATABASE takes no
-- parameter for the source's name: db.filled puts it in place of the source hole, quoted as an identifier.
copy from database {source} to backup_target
