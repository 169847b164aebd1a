-- add_attempt: one attempt to send message $key to $recipients at $at; $error NULL when the server accepted it.
insert into mail_attempts (message_key, tried_at, recipients, error)
values ($key, $at::timestamp, $recipients::varchar[], $error)
