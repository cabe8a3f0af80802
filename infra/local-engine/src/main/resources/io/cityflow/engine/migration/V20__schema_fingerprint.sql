-- The migration scripts' fingerprint after the last Flyway run: a start that finds the same
-- scripts skips Flyway (see SchemaMigration).
create table eng_schema_fingerprint (
  fingerprint varchar(64) not null
);
