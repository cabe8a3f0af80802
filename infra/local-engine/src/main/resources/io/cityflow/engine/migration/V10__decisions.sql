-- DMN resources (decision requirements graphs) and their decisions, each versioned per id.

create table eng_decision_requirements (
  decision_requirements_key bigint primary key,
  decision_requirements_id varchar(255) not null,
  version int not null,
  name varchar(255),
  resource_name varchar(255) not null,
  data text not null,
  dmn_xml text not null
);
create unique index eng_decision_requirements_version
  on eng_decision_requirements (decision_requirements_id, version);

create table eng_decision (
  decision_definition_key bigint primary key,
  decision_definition_id varchar(255) not null,
  version int not null,
  name varchar(255),
  decision_requirements_key bigint not null,
  decision_requirements_id varchar(255) not null,
  data text not null
);
create unique index eng_decision_version on eng_decision (decision_definition_id, version);
