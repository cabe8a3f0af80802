-- Audit of process-instance migrations (ADR 0020): who moved the running instances of one process
-- version to another, when, with which element mapping, and what happened to each instance. One
-- row per batch the owner ran; results per instance beside it. Portable SQL (H2 and PostgreSQL).
create table process_migration (
    id                 uuid          primary key,
    ran_by             varchar(60)   not null,
    ran_at             timestamp with time zone not null,
    process_id         varchar(200)  not null,
    source_key         bigint        not null,
    source_version     integer       not null,
    target_key         bigint        not null,
    target_version     integer       not null,
    -- "sourceElementId -> targetElementId", one per line, as sent to the engine
    mappings           varchar(20000) not null,
    migrated           integer       not null,
    refused            integer       not null,
    failed             integer       not null,
    skipped            integer       not null
);
create index ix_process_migration_ran_at on process_migration (ran_at);

create table process_migration_result (
    id                   uuid          primary key,
    migration_id         uuid          not null references process_migration (id),
    process_instance_key bigint        not null,
    case_reference       varchar(20),
    outcome              varchar(20)   not null,
    reason               varchar(2000)
);
create index ix_process_migration_result on process_migration_result (migration_id);
