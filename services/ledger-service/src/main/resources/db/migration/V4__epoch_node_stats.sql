-- What each node did per epoch beyond its receipts, so billing can reward it: task attempts that ended on the node
-- (proven or failed), the proven ones, failed proofs and audits, and uptime from heartbeats. The epoch of a count is
-- the first epoch not sealed yet when it happened (like a receipt's); uptime lies in the epoch its time falls in.
create table node_epoch_activity (
    node_address    text   not null,
    epoch           bigint not null,
    tasks_assigned  bigint not null default 0 check (tasks_assigned >= 0),
    tasks_completed bigint not null default 0 check (tasks_completed >= 0),
    faults          bigint not null default 0 check (faults >= 0),
    primary key (node_address, epoch),
    check (tasks_completed <= tasks_assigned)
);

create index node_epoch_activity_epoch on node_epoch_activity (epoch);

-- Milliseconds between consecutive heartbeats at most ledger.uptime.max-gap apart, cut at epoch boundaries.
create table node_uptime (
    node_address text   not null,
    epoch        bigint not null,
    millis       bigint not null check (millis >= 0),
    primary key (node_address, epoch)
);

create index node_uptime_epoch on node_uptime (epoch);

-- The per-node statistics an epoch was sealed with (what EpochSealed carried), frozen at sealing.
create table epoch_node_stats (
    epoch           bigint not null references epoch (number),
    node_address    text   not null,
    tasks_assigned  bigint not null,
    tasks_completed bigint not null,
    faults          bigint not null,
    uptime_seconds  bigint not null,
    status          text,
    primary key (epoch, node_address)
);
