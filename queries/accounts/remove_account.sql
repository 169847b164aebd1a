-- remove_account: delete one account (its sections first: see clear_sections).
delete from accounts where email = $email
