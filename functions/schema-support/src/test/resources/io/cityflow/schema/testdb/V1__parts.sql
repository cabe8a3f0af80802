create table part (
  id varchar(20) not null primary key
);
