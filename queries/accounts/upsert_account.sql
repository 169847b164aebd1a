-- upsert_account: create or change one account (its sections are replaced separately).
insert into accounts (email, role, display_name) values ($email, $role, $display_name)
on conflict (email) do update set role = excluded.role, display_name = excluded.display_name
