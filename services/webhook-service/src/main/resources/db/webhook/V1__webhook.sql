-- Tenants' webhook endpoints. The secret signs deliveries; after a rotation the previous one keeps
-- signing alongside until previous_secret_expires_at. failing_since is the first failure after the
-- last success (null while healthy): the endpoint is disabled once it is older than
-- webhook.disable-after.
create table webhook_endpoint (
    id                         uuid primary key,
    tenant_id                  text        not null,
    url                        text        not null,
    description                text,
    event_types                text[]      not null,
    enabled                    boolean     not null,
    disabled_reason            text,
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    failing_since              timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);

create index webhook_endpoint_tenant on webhook_endpoint (tenant_id, created_at);

-- One message per platform event (id msg_<event id>) or test; its body is fixed at creation so
-- every attempt signs the same bytes.
create table webhook_message (
    id         text primary key,
    tenant_id  text        not null,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null
);

-- The queue: one row per (message, endpoint) delivery, and one more per replay. A worker claims due
-- rows by moving next_attempt_at past a lease and stamping claim_token; a crashed worker's rows
-- come due again when the lease runs out.
create table webhook_delivery (
    id               uuid primary key,
    seq              bigserial   not null unique,
    message_id       text        not null references webhook_message (id),
    endpoint_id      uuid        not null references webhook_endpoint (id) on delete cascade,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    claim_token      uuid,
    last_status_code integer,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, seq);

-- The delivery log: every attempt with the first KiB of the response.
create table webhook_attempt (
    seq           bigserial primary key,
    delivery_id   uuid        not null references webhook_delivery (id) on delete cascade,
    endpoint_id   uuid        not null,
    message_id    text        not null,
    attempt       integer     not null,
    attempted_at  timestamptz not null,
    status_code   integer,
    response_body text,
    duration_ms   bigint      not null,
    error         text
);

create index webhook_attempt_endpoint on webhook_attempt (endpoint_id, seq);
