create table other_thing (
  id varchar(20) not null primary key
);
create table other_schema_fingerprint (
  fingerprint varchar(64) not null
);
