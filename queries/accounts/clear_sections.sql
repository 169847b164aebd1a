-- clear_sections: forget an account's sections (before they are set again, or the account removed).
delete from account_sections where email = $email
