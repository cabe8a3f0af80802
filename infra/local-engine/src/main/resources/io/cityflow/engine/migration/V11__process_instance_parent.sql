-- The calling instance of a process instance started by a call activity, for searches.
alter table eng_process_instance add column parent_process_instance_key bigint;
create index eng_process_instance_parent on eng_process_instance (parent_process_instance_key);
