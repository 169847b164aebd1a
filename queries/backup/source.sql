-- source: the name of the database a backup copies (this connection's).
select current_database()
