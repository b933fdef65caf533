-- A tenant's standing, kept in step with its balance: funded (can pay for new work) and whether
-- the balance is below its low-balance threshold (announced once per crossing).
create table tenant_standing (
    tenant_id     text primary key,
    funded        boolean not null default false,
    -- null: the service's default (billing.alerts.low-balance-default)
    low_threshold numeric(78, 0) check (low_threshold >= 0),
    low_notified  boolean not null default false,
    updated_at    timestamptz
);
