-- Expiry reminders for permit certificates (docs/adr/0022, addendum "expiry reminders"). Portable
-- SQL (H2 and PostgreSQL). Set once, in the transaction that writes the reminder's outbox message,
-- and never cleared: a certificate gets at most one reminder, whatever happens to it later.
-- Certificates issued before this script keep null and get their reminder when they become due
-- (those issued before V23 have no valid_until and never do).
alter table certificate add column expiry_reminded_at timestamp with time zone;
-- The daily sweep looks for certificates whose last valid day falls within the lead time.
create index ix_certificate_valid_until on certificate (valid_until);
