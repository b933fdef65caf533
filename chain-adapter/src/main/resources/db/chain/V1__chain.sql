-- The committing account's transactions: every attempt of every nonce, signed and stored before it is broadcast,
-- so a restart rebroadcasts the same bytes and never signs a second transaction for work already sent.
create table chain_nonce (
    sender     text   primary key,
    next_nonce bigint not null
);

create table chain_tx (
    id               bigserial primary key,
    sender           text        not null,
    nonce            bigint      not null,
    attempt          int         not null,
    purpose          text        not null,
    reference        text        not null,
    to_address       text        not null,
    data             bytea       not null,
    gas_limit        bigint      not null,
    max_fee          numeric(78,0) not null,
    max_priority_fee numeric(78,0) not null,
    raw              bytea       not null,
    hash             text        not null unique,
    -- pending: not yet seen in a block; mined / reverted: its receipt; superseded: another attempt of the nonce
    -- was mined; dropped: the nonce was used by a transaction that is none of ours
    state            text        not null default 'pending',
    created_at       timestamptz not null,
    broadcast_at     timestamptz,
    broadcasts       int         not null default 0,
    last_error       text,
    block_number     bigint,
    block_hash       text,
    gas_used         bigint,
    effective_gas_price numeric(78,0),
    unique (sender, nonce, attempt)
);

create index chain_tx_pending on chain_tx (sender, nonce) where state = 'pending';
create index chain_tx_reference on chain_tx (purpose, reference);

-- One row per sealed epoch: what is committed, and where it stands. An epoch is committed once its receipts root
-- (ledger) and rewards root (billing) are both known and the sealed epoch before it is committed.
create table settlement (
    epoch          bigint primary key,
    previous_epoch bigint,
    receipts_root  text,
    receipt_count  int,
    sealed_at      timestamptz,
    rewards_root   text,
    fee_creators   numeric(78,0),
    fee_edges      numeric(78,0),
    fee_validators numeric(78,0),
    fee_treasury   numeric(78,0),
    fee_burned     numeric(78,0),
    rewards_at     timestamptz,
    -- waiting (a root is missing) | ready | sending | committed | blocked (the chain would refuse it; retried)
    state          text        not null default 'waiting',
    tx_id          bigint references chain_tx (id),
    previous_commitment text,
    commitment     text,
    tx_hash        text,
    block_number   bigint,
    block_hash     text,
    committed_at   timestamptz,
    last_error     text,
    updated_at     timestamptz not null
);

create index settlement_open on settlement (epoch) where state <> 'committed';

-- Deposits seen on chain, once per log; tenant_id is null when the bytes32 tenant is not a platform tenant id.
create table chain_deposit (
    chain_id     bigint      not null,
    tx_hash      text        not null,
    log_index    bigint      not null,
    block_number bigint      not null,
    block_hash   text        not null,
    contract     text        not null,
    depositor    text        not null,
    tenant       text        not null,
    tenant_id    text,
    amount       numeric(78,0) not null,
    seen_at      timestamptz not null,
    primary key (chain_id, tx_hash, log_index)
);

create index chain_deposit_block on chain_deposit (block_number);

-- Where each log watcher goes on: the next block to read.
create table chain_cursor (
    name       text   primary key,
    next_block bigint not null,
    updated_at timestamptz not null
);

-- What the last reconciliation found; one row per difference, replaced by each run.
create table reconciliation_finding (
    id         bigserial primary key,
    run_at     timestamptz not null,
    kind       text        not null,
    subject    text        not null,
    detail     text        not null
);

create table reconciliation_run (
    id          bigserial primary key,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    from_block  bigint,
    to_block    bigint,
    epochs      int not null,
    deposits    int not null,
    findings    int not null
);
