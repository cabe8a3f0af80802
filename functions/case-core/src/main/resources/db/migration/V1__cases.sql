-- The case store. Portable SQL: the same scripts run on H2 (local) and PostgreSQL (tests, AWS).

-- The city's departments: every case is queued at one (or, for joint reviews, several) of them.
create table department (
    code        varchar(40)  primary key,
    name_en     varchar(200) not null,
    name_zh     varchar(100) not null,
    kind        varchar(30)  not null,
    active      boolean      not null default true
);

create table community (
    code        varchar(40)  primary key,
    name_en     varchar(200) not null,
    name_zh     varchar(100) not null,
    district    varchar(40)  not null
);

create table service_station (
    code            varchar(40)  primary key,
    community_code  varchar(40)  not null references community (code),
    name_en         varchar(200) not null,
    name_zh         varchar(100) not null,
    department_code varchar(40)  not null references department (code)
);

-- Staff; roles and departments are comma-separated codes.
create table staff_member (
    username      varchar(60)  primary key,
    display_name  varchar(120) not null,
    password_hash varchar(300),
    roles         varchar(200) not null,
    departments   varchar(1000) not null,
    active        boolean      not null default true
);

-- One row per year; the submitting transaction increments it, so numbers have no gaps.
create table case_reference_counter (
    ref_year    integer primary key,
    last_number bigint  not null
);

create table city_case (
    id                 uuid          primary key,
    ref_year           integer       not null,
    ref_number         bigint        not null,
    reference          varchar(20)   not null unique,
    case_type          varchar(40)   not null,
    channel            varchar(20)   not null,
    contact_name       varchar(120),
    contact_phone      varchar(40),
    subject            varchar(200)  not null,
    description        varchar(4000),
    category           varchar(80),
    address            varchar(300),
    latitude           double precision,
    longitude          double precision,
    lead_department    varchar(40),
    departments        varchar(1000) not null,
    priority           varchar(10)   not null,
    status             varchar(30)   not null,
    outcome            varchar(200),
    outcome_reason     varchar(2000),
    form_data          varchar(100000),
    tracking_code_hash varchar(64)   not null,
    submitted_at       timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    sla_due_at         timestamp with time zone,
    sla_warn_at        timestamp with time zone,
    sla_paused_at      timestamp with time zone,
    rating             integer,
    rating_comment     varchar(1000),
    process_instance_key bigint,
    resolved_at        timestamp with time zone,
    constraint uq_case_year_number unique (ref_year, ref_number)
);
create index ix_case_dept_status_due on city_case (lead_department, status, sla_due_at);
create index ix_case_status_due on city_case (status, sla_due_at);
create index ix_case_instance on city_case (process_instance_key);

-- Append-only: the application never updates or deletes rows here.
create table case_timeline (
    id                 uuid          primary key,
    case_id            uuid          not null references city_case (id),
    occurred_at        timestamp with time zone not null,
    actor              varchar(60)   not null,
    actor_kind         varchar(10)   not null,
    event_kind         varchar(30)   not null,
    entry_text         varchar(4000),
    visible_to_citizen boolean       not null
);
create index ix_timeline_case on case_timeline (case_id, occurred_at);

-- Workflow commands written with the case change that caused them; the dispatcher sends them.
create table outbox_command (
    id              uuid          primary key,
    case_id         uuid          not null,
    message_name    varchar(100)  not null,
    correlation_key varchar(200)  not null,
    message_id      varchar(200)  not null unique,
    variables       varchar(100000) not null,
    created_at      timestamp with time zone not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(2000),
    sent_at         timestamp with time zone
);
create index ix_outbox_pending on outbox_command (sent_at, next_attempt_at);

create table idempotency_key (
    idem_key     varchar(200) primary key,
    request_hash varchar(64)  not null,
    case_id      uuid         not null references city_case (id),
    created_at   timestamp with time zone not null
);
