-- Open311 GeoReport v2 (ADR 0019): the partner systems' API keys and the service requests that
-- came in over Open311. Portable SQL (H2 and PostgreSQL).

-- Only a SHA-256 of each key is kept; the key itself is shown once, when it is issued.
create table open311_api_key (
    id          uuid          primary key,
    client_name varchar(120)  not null,
    key_hash    varchar(64)   not null unique,
    key_hint    varchar(12)   not null,
    created_by  varchar(60)   not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);

-- One row per case submitted over Open311, written in the case's transaction: which partner sent
-- it, under which service code, and the photo link it gave (never fetched by us).
create table open311_request (
    case_id      uuid          primary key references city_case (id),
    api_key_id   uuid          not null references open311_api_key (id),
    service_code varchar(120)  not null,
    media_url    varchar(2000),
    received_at  timestamp with time zone not null
);
create index ix_open311_request_received on open311_request (received_at);
create index ix_open311_request_key on open311_request (api_key_id, received_at);
