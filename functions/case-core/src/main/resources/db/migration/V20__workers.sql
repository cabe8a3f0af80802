-- What the job workers keep beside the cases: notices held in the local mailbox, issued
-- certificates, the cases the workflow opened (idempotency and parent links), and the technician
-- roster. Portable SQL (H2 and PostgreSQL).

-- The local stack's stand-in for SMS and e-mail: every notice is kept here and shown read-only.
-- notice_key (one per job) makes a retried job deliver once.
create table mailbox_message (
    id           uuid          primary key,
    notice_key   varchar(200)  not null unique,
    case_id      uuid,
    channel      varchar(10)   not null,
    recipient    varchar(200)  not null,
    template     varchar(60)   not null,
    subject      varchar(300)  not null,
    body         varchar(4000) not null,
    delivered_at timestamp with time zone not null
);
create index ix_mailbox_delivered on mailbox_message (delivered_at);

-- One certificate per approved case. The verification code itself is never stored, only its hash.
create table certificate (
    number         varchar(40)   primary key,
    case_id        uuid          not null unique references city_case (id),
    reference      varchar(20)   not null,
    code_hash      varchar(64)   not null unique,
    applicant_name varchar(120)  not null,
    permit_type    varchar(80)   not null,
    decision_date  date          not null,
    document_key   varchar(300)  not null,
    issued_at      timestamp with time zone not null
);

-- A case the workflow opened (a child ticket, a device maintenance case), under the key of the job
-- that opened it: a retried job finds the case instead of opening a second one.
create table workflow_opened_case (
    opening_key    varchar(200)  primary key,
    case_id        uuid          not null unique references city_case (id),
    parent_case_id uuid          references city_case (id),
    opened_at      timestamp with time zone not null
);
create index ix_opened_parent on workflow_opened_case (parent_case_id);

-- Field technicians by department and zone (location class); last_assigned_at spreads the work.
create table technician (
    username         varchar(60)  primary key,
    display_name     varchar(120) not null,
    department_code  varchar(40)  not null references department (code),
    zone             varchar(64)  not null,
    active           boolean      not null default true,
    last_assigned_at timestamp with time zone
);
create index ix_technician_dept_zone on technician (department_code, zone, active);

-- The technician proposed for a case; a retried job proposes the same one.
create table technician_assignment (
    case_id     uuid        primary key references city_case (id),
    username    varchar(60) not null references technician (username),
    assigned_at timestamp with time zone not null
);

insert into technician (username, display_name, department_code, zone) values
    ('tech.water.res',   'Ma Jun (water, residential)',        'WATER_SUPPLY',     'residential'),
    ('tech.water.com',   'He Li (water, commercial)',          'WATER_SUPPLY',     'commercial'),
    ('tech.water.any',   'Su Tao (water, city-wide)',          'WATER_SUPPLY',     '*'),
    ('tech.sanit.res',   'Ding Wei (sanitation, residential)', 'SANITATION',       'residential'),
    ('tech.sanit.park',  'Lu Fang (sanitation, parks)',        'SANITATION',       'park'),
    ('tech.sanit.any',   'Guo Ming (sanitation, city-wide)',   'SANITATION',       '*'),
    ('tech.traffic.art', 'Zhou Bin (signals, arterial roads)', 'TRAFFIC_POLICE',   'arterial-road'),
    ('tech.traffic.sch', 'Qian Yu (signals, schools)',         'TRAFFIC_POLICE',   'school'),
    ('tech.traffic.any', 'Wu Gang (signals, city-wide)',       'TRAFFIC_POLICE',   '*'),
    ('tech.fire.any',    'Yang Hua (fire sensors, city-wide)', 'FIRE_RESCUE',      '*'),
    ('tech.urban.any',   'Zhao Lei (urban management)',        'URBAN_MANAGEMENT', '*');
