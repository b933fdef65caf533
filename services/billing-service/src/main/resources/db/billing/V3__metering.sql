-- Metering: usage deduplicated by its CloudEvent (source, id), aggregated per billing period, priced
-- by a versioned price book and charged through the ledger. Quantities are exact integers
-- (NUMERIC without scale), amounts base units (NUMERIC(78,0)).

create table billing_period (
    id          text primary key,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    -- open: accepts usage; closing: no more usage, final charge running; closed: totals fixed
    status      text not null default 'open' check (status in ('open', 'closing', 'closed')),
    closed_at   timestamptz,
    -- the PeriodClose totals, stored once so a second close answers the same
    totals      jsonb,
    check (ends_at > starts_at)
);

create index billing_period_open on billing_period (ends_at) where status <> 'closed';

-- CloudEvents' uniqueness key: an event seen once is never counted again (kept billing.metering.dedup-retention)
create table metering_seen (
    source  text not null,
    id      text not null,
    seen_at timestamptz not null,
    primary key (source, id)
);

-- seen_at only grows: a BRIN index costs almost nothing on insert and serves the retention sweep
create index metering_seen_age on metering_seen using brin (seen_at);

-- events that could not be metered, kept visible instead of lost
create table metering_rejected (
    seq         bigserial primary key,
    source      text not null,
    id          text not null,
    type        text,
    reason      text not null,
    raw_data    bytea,
    rejected_at timestamptz not null
);

create index metering_rejected_event on metering_rejected (source, id);

-- usage per (tenant, period, service, unit, region, creator, hold); '' for no creator / no hold
create table metering_usage (
    tenant_id       text not null,
    period_id       text not null references billing_period (id),
    service         text not null,
    unit            text not null,
    region          text not null,
    creator_id      text not null default '',
    hold_id         text not null default '',
    quantity        numeric not null default 0 check (quantity >= 0),
    events          bigint not null default 0,
    -- the quantity the last charge run priced, and the price version it used
    priced_quantity numeric not null default 0,
    price_version   integer,
    -- floor(priced_quantity × amount / per): what the usage costs so far
    due             numeric(78, 0) not null default 0,
    -- what was moved from the tenant (hold post and balance); due − charged is owed
    charged         numeric(78, 0) not null default 0 check (charged <= due),
    hold_posted     boolean not null default false,
    paid_creator    numeric(78, 0) not null default 0,
    paid_edges      numeric(78, 0) not null default 0,
    paid_validators numeric(78, 0) not null default 0,
    paid_treasury   numeric(78, 0) not null default 0,
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, period_id, service, unit, region, creator_id, hold_id)
-- the consumer adds to the same rows all the time: room on each page and no index on what it
-- changes (quantity, events, updated_at) keep those updates HOT (no index writes)
) with (fillfactor = 50);

create index metering_usage_owed on metering_usage (tenant_id) where due > charged;
create index metering_usage_period on metering_usage (period_id);

-- statements of closed periods, stored once and served as they were
create table metering_statement (
    tenant_id  text not null,
    period_id  text not null references billing_period (id),
    body       jsonb not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, period_id)
);

-- The price book: versions are never edited, only superseded by a later effective_from.
create table price_book_version (
    version        integer primary key,
    effective_from timestamptz not null unique,
    created_at     timestamptz not null default now(),
    note           text
);

create table price (
    version integer not null references price_book_version (version),
    service text not null,
    unit    text not null,
    -- '*' matches any region without a row of its own
    region  text not null,
    -- base units per `per` units of quantity
    amount  numeric(78, 0) not null check (amount >= 0),
    per     numeric(78, 0) not null check (per > 0),
    primary key (version, service, unit, region)
);

-- Version 1. 1 AIOZ = 10^18 base units; a GiB-month = 2^30 bytes × 2,592,000 s
-- = 2,783,138,807,808,000 byte-seconds.
insert into price_book_version (version, effective_from, note)
values (1, '2000-01-01T00:00:00Z', 'launch prices');

insert into price (version, service, unit, region, amount, per) values
    -- storage: 0.02 AIOZ per GiB-month
    (1, 'storage', 'byte-second', '*', 20000000000000000, 2783138807808000),
    -- egress 0.01 AIOZ per GiB, ingress free
    (1, 'storage', 'egress-byte', '*', 10000000000000000, 1073741824),
    (1, 'storage', 'ingress-byte', '*', 0, 1),
    -- requests: class A 0.005 AIOZ per 1,000, class B 0.0004 AIOZ per 1,000
    (1, 'storage', 'request-class-a', '*', 5000000000000000, 1000),
    (1, 'storage', 'request-class-b', '*', 400000000000000, 1000),
    -- pinning: 0.03 AIOZ per GiB-month
    (1, 'pin', 'pinned-byte-second', '*', 30000000000000000, 2783138807808000),
    (1, 'pin', 'request', '*', 400000000000000, 1000),
    -- streaming: transcoding per output second by profile, delivery per GiB
    (1, 'stream', 'transcode-second:240p', '*', 100000000000000, 1),
    (1, 'stream', 'transcode-second:360p', '*', 150000000000000, 1),
    (1, 'stream', 'transcode-second:480p', '*', 200000000000000, 1),
    (1, 'stream', 'transcode-second:720p', '*', 300000000000000, 1),
    (1, 'stream', 'transcode-second:1080p', '*', 500000000000000, 1),
    (1, 'stream', 'transcode-second:2160p', '*', 1200000000000000, 1),
    (1, 'stream', 'egress-byte', '*', 10000000000000000, 1073741824),
    (1, 'stream', 'request', '*', 400000000000000, 1000),
    -- AI: 0.001 AIOZ per inference unit
    (1, 'ai', 'inference-unit', '*', 1000000000000000, 1),
    (1, 'ai', 'request', '*', 400000000000000, 1000);
