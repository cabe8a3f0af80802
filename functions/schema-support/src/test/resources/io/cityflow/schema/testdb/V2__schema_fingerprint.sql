create table parts_schema_fingerprint (
  fingerprint varchar(64) not null
);
