-- add_sections: give account $email the sections in the list $sections.
insert into account_sections (email, section) select $email, unnest($sections::varchar[])
