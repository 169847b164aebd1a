-- sign_out: login $email signed out at $signed_out_at (UTC): every identity issued at or before it is refused.
-- A later time replaces an earlier one, never the reverse.
insert into sign_outs (email, signed_out_at) values ($email, $signed_out_at)
on conflict (email) do update set signed_out_at = greatest(sign_outs.signed_out_at, excluded.signed_out_at)
