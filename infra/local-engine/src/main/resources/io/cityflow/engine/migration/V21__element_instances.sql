-- Every element instance, active or ended, for the element-instance search (live counts per element
-- in the process owner's console). The process instance itself is one too, of type PROCESS.
create table eng_element_instance (
  element_instance_key bigint primary key,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id varchar(255) not null,
  element_id varchar(255) not null,
  element_name varchar(255),
  element_type varchar(32) not null,
  state varchar(16) not null,
  start_date bigint not null,
  end_date bigint,
  incident_key bigint,
  flow_scope_key bigint,
  data text not null
);
create index eng_element_instance_process on eng_element_instance (process_instance_key);
create index eng_element_instance_element on eng_element_instance (process_definition_key, element_id, state);
create index eng_element_instance_state on eng_element_instance (state);
