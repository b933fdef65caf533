-- Edge rewards per epoch: each edge's reward account, the pool each epoch paid out (stored, so a replay never
-- computes another), each edge's statement and the reward tree root the chain adapter commits.

-- edge:<address>: an edge operator's reward account, which may never go negative (flag 1, checked by V1's
-- constraint); the check below makes the flag mandatory for edges.
alter table ledger_account drop constraint ledger_account_kind_check;
alter table ledger_account add constraint ledger_account_kind_check
    check (kind in ('tenant', 'platform', 'edge'));
alter table ledger_account add constraint ledger_account_edge_never_negative
    check (kind <> 'edge' or (flags & 1 = 1 and flags & 2 = 0));

create table reward_epoch (
    epoch          bigint primary key check (epoch >= 0),
    -- the available balance of platform:edges when the epoch was processed
    pool           numeric(78, 0) not null check (pool >= 0),
    total          numeric(78, 0) not null check (total >= 0),
    unallocated    numeric(78, 0) not null check (unallocated >= 0),
    epoch_seconds  bigint not null check (epoch_seconds > 0),
    -- 0x hex keccak root over (uint64 epoch, address edge, uint256 amount) leaves of the positive payouts
    root           text not null,
    edges          int not null,
    paid_edges     int not null,
    -- the task ledger's receipt root of the same epoch, for cross-checking
    receipts_root  text,
    sealed_at      timestamptz not null,
    check (total + unallocated = pool)
);

create table reward_statement (
    epoch                bigint not null references reward_epoch (epoch),
    address              text not null check (address ~ '^0x[0-9a-f]{40}$'),
    storage_byte_hours   bigint not null,
    bandwidth_bytes      bigint not null,
    transcode_minutes    bigint not null,
    inference_units      bigint not null,
    uptime_seconds       bigint not null,
    tasks_assigned       bigint not null,
    tasks_completed      bigint not null,
    faults               int not null,
    -- exact rationals as numerator/denominator
    contribution         text not null,
    task_completion      text not null,
    reputation           text not null,
    quality_score        text not null,
    quality_score_display text not null,
    payout               numeric(78, 0) not null check (payout >= 0),
    primary key (epoch, address)
);

create index reward_statement_address on reward_statement (address, epoch);
