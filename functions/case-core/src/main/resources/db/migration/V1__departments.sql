-- The city's departments: every case is routed to one (or, for joint reviews, several) of them.
create table department (
    code        varchar(40)  primary key,
    name_en     varchar(200) not null,
    name_zh     varchar(100) not null,
    kind        varchar(30)  not null,
    active      boolean      not null default true
);
