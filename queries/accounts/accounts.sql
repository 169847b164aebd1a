-- accounts: every account with its sections, by role (admin, leader, section) then e-mail.
with
listed as (
    select a.email, a.role, a.display_name as name,
           coalesce(list(s.section order by s.section) filter (where s.section is not null), []) as sections,
           a.created_at
    from accounts a
    left join account_sections s using (email)
    group by a.email, a.role, a.display_name, a.created_at
)
select * from listed
order by list_position(['admin', 'leader', 'section'], role), email
