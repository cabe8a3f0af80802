-- Permit certificates get their issuer, a validity period and revocation (ADR 0022). Portable SQL
-- (H2 and PostgreSQL). Certificates issued before this script keep issuer and valid_until null:
-- the issuer was a setting of the workers that was never recorded, and no validity was printed on
-- them, so they stay valid until revoked.

-- The issuing authority in force when the certificate was issued (cityflow.certificates.issuer).
alter table certificate add column issuer varchar(200);
-- The last day the permit is valid (inclusive, in the city's time zone); null: no expiry.
alter table certificate add column valid_until date;
-- Set once, by a supervisor of the case's department or an administrator; never cleared.
alter table certificate add column revoked_at timestamp with time zone;
alter table certificate add column revoked_by varchar(60);
-- Shown to anyone who checks the certificate, so it holds no personal data.
alter table certificate add column revocation_reason varchar(500);
