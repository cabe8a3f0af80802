-- The device scripts' fingerprint after the last Flyway run: a start that finds the same scripts
-- skips Flyway (DeviceSchema, schema-support's FingerprintedMigration).
create table devices_schema_fingerprint (
  fingerprint varchar(64) not null
);
