-- signed_out_at: when login $email last signed out, in seconds since 1970 UTC (no row: never).
select epoch(signed_out_at) as signed_out_at from sign_outs where email = $email
