-- The local engine's own tables. Times are epoch milliseconds; "data" holds the entity as JSON,
-- while the other columns exist for searching and for loading only what is still active.

create table eng_sequence (
  id int primary key,
  next_key bigint not null
);
insert into eng_sequence (id, next_key) values (1, 2251799813685249);

create table eng_process_definition (
  process_definition_key bigint primary key,
  bpmn_process_id varchar(255) not null,
  version int not null,
  name varchar(255),
  resource_name varchar(255) not null,
  has_start_form boolean not null,
  data text not null,
  bpmn_xml text not null
);
create unique index eng_process_definition_version on eng_process_definition (bpmn_process_id, version);

create table eng_form (
  form_key bigint primary key,
  form_id varchar(255) not null,
  version int not null,
  data text not null
);

create table eng_process_instance (
  process_instance_key bigint primary key,
  process_definition_key bigint not null,
  bpmn_process_id varchar(255) not null,
  version int not null,
  state varchar(16) not null,
  start_date bigint not null,
  end_date bigint,
  has_incident boolean not null,
  data text not null
);
create index eng_process_instance_state on eng_process_instance (state);

create table eng_variable (
  variable_key bigint primary key,
  name varchar(255) not null,
  scope_key bigint not null,
  process_instance_key bigint not null,
  value_json varchar(1048576) not null
);
create index eng_variable_instance on eng_variable (process_instance_key);

create table eng_job (
  job_key bigint primary key,
  job_type varchar(255) not null,
  state varchar(16) not null,
  process_instance_key bigint not null,
  data text not null
);

create table eng_user_task (
  user_task_key bigint primary key,
  state varchar(16) not null,
  name varchar(255),
  assignee varchar(255),
  candidate_groups varchar(4000) not null,
  candidate_users varchar(4000) not null,
  element_id varchar(255) not null,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id varchar(255) not null,
  creation_date bigint not null,
  completion_date bigint,
  due_date varchar(64),
  follow_up_date varchar(64),
  priority int not null,
  data text not null
);
create index eng_user_task_state on eng_user_task (state);
create index eng_user_task_instance on eng_user_task (process_instance_key);

create table eng_message_subscription (
  subscription_key bigint primary key,
  data text not null
);

create table eng_message (
  message_key bigint primary key,
  data text not null
);

create table eng_timer (
  timer_key bigint primary key,
  data text not null
);

create table eng_incident (
  incident_key bigint primary key,
  state varchar(16) not null,
  error_type varchar(64) not null,
  error_message varchar(4000),
  element_id varchar(255) not null,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id varchar(255) not null,
  job_key bigint,
  creation_time bigint not null,
  data text not null
);
create index eng_incident_state on eng_incident (state);
