-- Device registry, de-duplication ledger and alarm states of the device-events module.
-- Runs on H2 and PostgreSQL; its history lives in devices_schema_history, apart from the case schema.

create table device (
  id               varchar(64)  not null primary key,
  type             varchar(32)  not null,
  location         varchar(200) not null,
  zone             varchar(64)  not null,
  key_hash         varchar(64)  not null,
  registered_at    timestamp with time zone not null,
  last_seen_at     timestamp with time zone,
  last_readings_at timestamp with time zone
);

-- No index on last_seen_at: every batch moves it, and an index would turn those cheap (HOT)
-- updates into index writes. The heartbeat sweep scans the registry once a minute instead.

create table device_event (
  device_id   varchar(64)  not null,
  event_id    varchar(100) not null,
  occurred_at timestamp with time zone not null,
  received_at timestamp with time zone not null,
  primary key (device_id, event_id)
);

create index device_event_received_at on device_event (received_at);

create table device_alarm (
  device_id       varchar(64)  not null references device (id),
  alarm_type      varchar(40)  not null,
  active          boolean      not null,
  priority        varchar(16)  not null,
  raised_event_id varchar(100) not null,
  raised_at       timestamp with time zone not null,
  cleared_at      timestamp with time zone,
  last_event_id   varchar(100) not null,
  last_event_at   timestamp with time zone not null,
  repeat_count    integer      not null,
  primary key (device_id, alarm_type)
);
