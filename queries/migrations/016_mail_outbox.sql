-- Schema version 16 (issue 36): the outbox of the inquiry's mail (spending/mail.py).
-- mail_outbox: one row per message — a section's 问询函 for a month ('inquiry/2021-11/经济建设科'), or its reminder
--   of a day ('reminder/2021-12-08/经济建设科') — queued before it is sent, with the Message-ID every attempt uses,
--   its recipients, subject and attachments as last tried; sent_at is set in the transaction that records the
--   server's acceptance (and the audit's mail_sent). Sending again sends only the rows without sent_at.
-- mail_attempts: every attempt, when, and what failed and why (error NULL: the server accepted it).
create table if not exists mail_outbox (
    message_key  varchar primary key,
    kind         varchar not null check (kind in ('inquiry', 'reminder')),
    section      varchar not null,
    fiscal_year  integer,
    month        integer check (month between 1 and 12),
    message_id   varchar not null unique,
    recipients   varchar[] not null,
    subject      varchar not null,
    attachments  varchar[] not null,
    queued_at    timestamp not null,
    sent_at      timestamp,
    error        varchar
);

create table if not exists mail_attempts (
    message_key varchar not null,
    tried_at    timestamp not null,
    recipients  varchar[] not null,
    error       varchar
);
