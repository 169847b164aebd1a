-- account: one login's account ($email, already lower-cased) with its sections (document order).
select a.email, a.role, a.display_name,
       coalesce(list(s.section order by s.section) filter (where s.section is not null), []) as sections
from accounts a
left join account_sections s using (email)
where a.email = $email
group by all
