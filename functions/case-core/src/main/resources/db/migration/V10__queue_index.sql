-- The clerk's department queue picks a page of cases by process instance key and due date from
-- this index alone (an index-only scan), then reads only the rows of that page. It also serves the
-- plain lookups by process instance key, so the single-column index goes.
create index ix_case_queue on city_case (process_instance_key, sla_due_at, id);
drop index ix_case_instance;
