alter table part add column name varchar(100);
