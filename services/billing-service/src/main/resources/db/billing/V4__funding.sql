-- Money entering and leaving the platform: on-chain deposits, on-ramp quotes and orders, and
-- refunds/withdrawals. The ledger holds the balances; these tables hold the business records that
-- make each movement happen exactly once.

-- Where withdrawn tokens go while they leave the platform (to a chain address or back through the
-- on-ramp provider); a refund's hold credits it when posted.
insert into ledger_account (id, kind, flags) values ('platform:withdrawals', 'platform', 1);

-- One confirmed deposit log, credited once: the key is the log, whatever event reported it.
create table deposit (
    chain_id      bigint         not null,
    tx_hash       text           not null check (tx_hash = lower(tx_hash)),
    log_index     integer        not null check (log_index >= 0),
    tenant_id     text           not null,
    amount        numeric(78, 0) not null check (amount > 0),
    block_number  bigint         not null,
    block_hash    text,
    from_address  text           not null,
    confirmations bigint,
    transfer_id   uuid           not null unique,
    event_id      text           not null,
    credited_at   timestamptz    not null,
    primary key (chain_id, tx_hash, log_index)
);

create index deposit_tenant on deposit (tenant_id, credited_at desc);

-- Deposit reports that credited nothing: invalid ones, and second reports of a log that disagree
-- with the first (a conflict someone must look at).
create table deposit_rejection (
    id          bigserial   primary key,
    kind        text        not null check (kind in ('invalid', 'conflict')),
    event_id    text        not null,
    chain_id    bigint,
    tx_hash     text,
    log_index   integer,
    tenant_id   text,
    amount      text,
    reason      text        not null,
    recorded_at timestamptz not null
);

create index deposit_rejection_log on deposit_rejection (chain_id, tx_hash, log_index);

-- A price shown before the tenant confirms: every fee, in the fiat currency's minor units.
create table onramp_quote (
    id                uuid           primary key,
    tenant_id         text           not null,
    fiat_currency     text           not null,
    fiat_minor        bigint         not null check (fiat_minor > 0),
    provider_fee_minor bigint        not null check (provider_fee_minor >= 0),
    network_fee_minor bigint         not null check (network_fee_minor >= 0),
    rate              text           not null,
    tokens            numeric(78, 0) not null check (tokens > 0),
    created_at        timestamptz    not null,
    expires_at        timestamptz    not null
);

-- A confirmed quote: one order per quote, credited once when the provider says it is paid.
create table onramp_order (
    id                 uuid           primary key,
    quote_id           uuid           not null unique references onramp_quote (id),
    tenant_id          text           not null,
    fiat_currency      text           not null,
    fiat_minor         bigint         not null,
    tokens             numeric(78, 0) not null,
    status             text           not null
        check (status in ('pending', 'completed', 'failed', 'flagged')),
    checkout_url       text           not null,
    provider_reference text,
    flag_reason        text,
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null
);

create index onramp_order_tenant on onramp_order (tenant_id, created_at desc);

-- Provider webhook deliveries already handled, with the answer given, so a replay gets it again.
create table onramp_webhook (
    webhook_id  text        primary key,
    type        text        not null,
    status      integer     not null,
    received_at timestamptz not null
);

-- A tenant's request to take tokens out; its state is its ledger hold's (open, posted, voided,
-- expired), so the two can never disagree.
create table refund (
    id                uuid           primary key,
    tenant_id         text           not null,
    amount            numeric(78, 0) not null check (amount > 0),
    destination_type  text           not null check (destination_type in ('chain', 'onramp')),
    address           text,
    order_id          uuid references onramp_order (id),
    hold_id           uuid           not null unique,
    tx_hash           text,
    failure_reason    text,
    created_at        timestamptz    not null,
    resolved_at       timestamptz,
    check ((destination_type = 'chain') = (address is not null)),
    check ((destination_type = 'onramp') = (order_id is not null))
);

create index refund_tenant on refund (tenant_id, created_at desc);
create index refund_order on refund (order_id) where order_id is not null;
