-- Storage's own copy of each tenant's standing in billing (billing.account FundsRestored /
-- FundsExhausted): new writes are refused while a tenant is not funded. A tenant billing never
-- announced has no row and is not funded (the platform is prepaid). standing_at is the time billing
-- decided the standing: an event older than the stored one changes nothing.
create table tenant_funds (
    tenant_id   text primary key,
    funded      boolean not null,
    standing_at timestamptz not null,
    updated_at  timestamptz not null default now()
);
