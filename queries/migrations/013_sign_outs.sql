-- Schema version 13 (issue 32): when each login last signed out. Streamlit's login cookie keeps the ID
-- token's claims for 30 days and outlives 退出 in any copy of it; an identity issued (its `iat`) at or before
-- this time is refused (auth.still_signed_in). Set by 退出 and by `user remove`; kept when the account is
-- removed and when it is added again, so an old cookie of a removed login never comes back with the account.
-- signed_out_at is UTC. (If not exists: tests/test_upgrade.py makes a later database look older by its version rows.)
create table if not exists sign_outs (
    email         varchar primary key check (email = lower(trim(email)) and length(email) > 0),
    signed_out_at timestamp not null
);
