-- Idempotency keys expire; the clean-up job deletes them oldest first.
create index ix_idempotency_created on idempotency_key (created_at);
