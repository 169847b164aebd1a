-- record_version: migration $version has been applied (inside its transaction).
insert into schema_version (version) values ($version)
