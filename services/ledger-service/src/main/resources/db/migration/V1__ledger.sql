-- The unified task ledger: edge registry, tasks, work receipts and sealed epochs.

create table edge_node (
    address            text primary key,          -- EIP-55 checksummed Ethereum address, the node id
    region             text        not null,
    fault_domain       text        not null,
    endpoint           text        not null,
    agent_version      text,
    capabilities       jsonb       not null,
    status             text        not null check (status in ('VETTING', 'ACTIVE', 'SUSPENDED', 'EJECTED')),
    registered_at      timestamptz not null,
    updated_at         timestamptz not null,
    last_heartbeat_at  timestamptz,
    heartbeat_sequence bigint      not null default -1,
    used_bytes         bigint      not null default 0,
    running_tasks      int         not null default 0,
    draining           boolean     not null default false,
    uptime_checks      bigint      not null default 0,
    uptime_online      bigint      not null default 0,
    -- beta reputation tracks (alpha, beta) with forgetting; see docs/assignment-and-reputation.md
    audit_alpha        double precision not null,
    audit_beta         double precision not null,
    unknown_alpha      double precision not null,
    unknown_beta       double precision not null,
    completion_alpha   double precision not null,
    completion_beta    double precision not null,
    uptime_alpha       double precision not null,
    uptime_beta        double precision not null,
    passed_audits      bigint      not null default 0,
    last_audit_at      timestamptz,
    suspended_at       timestamptz
);

create table task (
    id              uuid primary key,
    kind            text        not null check (kind in ('STORE', 'DELIVER', 'PIN', 'TRANSCODE', 'INFER')),
    status          text        not null check (status in
                        ('REQUESTED', 'ASSIGNED', 'RUNNING', 'SUBMITTED', 'PROVEN', 'FAILED', 'SETTLED')),
    object_id       text,
    piece_index     int,
    content_digest  text,
    size_bytes      bigint      not null default 0,
    requirement     jsonb       not null,
    payload         jsonb       not null default '{}',
    node_address    text references edge_node (address),
    attempt         int         not null default 0,
    max_attempts    int         not null,
    previous_nodes  text[]      not null default '{}',
    result_digest   text,
    units           numeric(78, 0),
    failure_reason  text,
    proof_ref       text,
    outcome         text check (outcome in ('PROVEN', 'FAILED')),
    requested_at    timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);

create index task_open_by_node on task (node_address) where status in ('ASSIGNED', 'RUNNING', 'SUBMITTED');
create index task_requested on task (requested_at) where status = 'REQUESTED';
create index task_object on task (object_id);

create table work_receipt (
    task_id      uuid primary key references task (id),
    node_address text           not null,
    kind         smallint       not null,
    units        numeric(78, 0) not null,
    epoch        bigint         not null,
    proof_ref    text           not null,
    created_at   timestamptz    not null
);

create index work_receipt_epoch on work_receipt (epoch);

create table epoch (
    number        bigint primary key,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    root          text        not null,
    receipt_count int         not null,
    sealed_at     timestamptz not null
);

create table epoch_node_total (
    epoch        bigint         not null references epoch (number),
    node_address text           not null,
    kind         smallint       not null,
    tasks        bigint         not null,
    units        numeric(78, 0) not null,
    primary key (epoch, node_address, kind)
);
