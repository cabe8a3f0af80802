-- The language the citizen reads notices in (docs/adr/0023-citizen-notice-language.md): the BCP 47
-- tag of the page the case was submitted from. Portable SQL (H2 and PostgreSQL). Cases submitted
-- before this script, and cases from partners that do not say, keep null and get notices in both
-- languages.
alter table city_case add column language varchar(8);
alter table city_case add constraint ck_case_language check (language in ('zh-CN', 'en'));
