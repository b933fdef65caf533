-- Pieces placed on edges that the proof service challenges: one row per (piece, STORE task), so a
-- piece repaired onto another node under a new task is a new row.
create table proof_piece (
    piece_id             uuid        not null,
    task_id              uuid        not null,
    node_address         text        not null,
    endpoint             text        not null,
    content_digest       text        not null,
    size_bytes           bigint      not null,
    block_size           integer     not null,
    merkle_root          text        not null,
    tenant_id            text,
    priority             text        not null,
    stored_at            timestamptz not null,
    next_challenge_at    timestamptz not null,
    challenges           integer     not null default 0,
    consecutive_failures integer     not null default 0,
    last_result          text,
    last_reason          text,
    last_challenged_at   timestamptz,
    released             boolean     not null default false,
    released_at          timestamptz,
    release_reason       text,
    primary key (piece_id, task_id)
);

create index proof_piece_due on proof_piece (next_challenge_at) where not released;
create index proof_piece_node on proof_piece (node_address);

-- The ledger's view of each node, as far as the cadence needs it (from ledger.edge).
create table proof_node (
    address    text primary key,
    status     text        not null,
    updated_at timestamptz not null
);

-- The most recent challenges of each placed piece (trimmed to proof.history-per-piece).
create table proof_challenge (
    challenge_id  uuid primary key,
    piece_id      uuid        not null,
    task_id       uuid        not null,
    node_address  text        not null,
    block_index   bigint      not null,
    include_data  boolean     not null,
    result        text        not null,
    reason        text,
    detail        text,
    proof_ref     text        not null,
    latency_ms    integer     not null,
    challenged_at timestamptz not null,
    foreign key (piece_id, task_id) references proof_piece (piece_id, task_id) on delete cascade
);

create index proof_challenge_piece on proof_challenge (piece_id, task_id, challenged_at desc);
