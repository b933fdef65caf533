-- Changes to stored bytes are appended here by the transactions that commit or delete objects (no row lock is
-- shared by concurrent writers of one bucket) and folded into usage_counter before each usage sample.
create table usage_delta (
    id         bigserial primary key,
    tenant_id  text   not null,
    bucket     text   not null,
    bytes      bigint not null,
    objects    bigint not null
);
