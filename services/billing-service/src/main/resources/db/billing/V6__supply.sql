-- One report per settled billing period: what minting and burns did to the supply. Periods are
-- settled in order, each starting from the previous one's supply at end.
create table supply_report (
    period          text primary key,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null unique,
    supply_at_start numeric(78, 0) not null,
    minted          numeric(78, 0) not null,
    burned          numeric(78, 0) not null,
    supply_at_end   numeric(78, 0) not null,
    report          jsonb not null,
    settled_at      timestamptz not null,
    check (ends_at > starts_at)
);

-- Fees paid on chain, as the chain adapter reports them per block: half is burned on chain (the
-- 0.50·F_chain term of B_t), so the supply report counts it without a ledger transfer.
create table chain_fee (
    chain_id    bigint not null,
    block_number bigint not null,
    block_time  timestamptz not null,
    amount      numeric(78, 0) not null check (amount >= 0),
    -- the period whose supply report counted it (a late report counts in the next one)
    settled_period text,
    primary key (chain_id, block_number)
);

create index chain_fee_unsettled on chain_fee (block_time) where settled_period is null;
