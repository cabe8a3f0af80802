-- Files attached to a case (the bytes are in the attachment store: a local directory or S3).
create table case_attachment (
    id           uuid          primary key,
    case_id      uuid          not null references city_case (id),
    storage_key  varchar(300)  not null,
    file_name    varchar(200)  not null,
    content_type varchar(100)  not null,
    size_bytes   bigint        not null,
    uploaded_by  varchar(120)  not null,
    uploaded_at  timestamp with time zone not null
);
create index ix_attachment_case on case_attachment (case_id, uploaded_at);
