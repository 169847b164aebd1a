-- mark_sent: the server accepted message $key at $at: it is sent, and never sent again.
update mail_outbox set sent_at = $at::timestamp, error = null
where message_key = $key and sent_at is null
