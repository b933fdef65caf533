-- Tenants and who may act for them. Addresses are stored EIP-55 checksummed.
create table tenant (
    id         uuid        primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table member (
    tenant_id uuid        not null references tenant (id),
    address   text        not null,
    role      text        not null check (role in ('owner', 'admin', 'member', 'viewer')),
    added_at  timestamptz not null,
    primary key (tenant_id, address)
);

create index member_by_address on member (address, added_at);

-- Sign-in nonces, single use: consumed by a delete, so of two concurrent sign-ins only one wins.
create table siwe_nonce (
    nonce      text        primary key,
    expires_at timestamptz not null
);

create index siwe_nonce_expiry on siwe_nonce (expires_at);

-- A wallet sign-in; its access tokens are valid only while it is not revoked.
create table user_session (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenant (id),
    address        text        not null,
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason text
);

create index user_session_by_member on user_session (tenant_id, address) where revoked_at is null;

-- Refresh tokens by SHA-256 of the token: a rotated one presented again revokes its session.
create table refresh_token (
    token_hash bytea       primary key,
    session_id uuid        not null references user_session (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    rotated_at timestamptz
);

create index refresh_token_by_session on refresh_token (session_id);

-- API keys by SHA-256 of the whole key; the key itself is shown once and never stored.
create table api_key (
    id           text        primary key,
    tenant_id    uuid        not null references tenant (id),
    name         text        not null,
    scopes       text[]      not null,
    key_hash     bytea       not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create index api_key_by_tenant on api_key (tenant_id, created_at);

-- S3 access keys; the secret is AES-256-GCM encrypted (AAD = access key id).
create table s3_key (
    access_key_id     text        primary key,
    tenant_id         uuid        not null references tenant (id),
    name              text,
    secret_iv         bytea       not null,
    secret_ciphertext bytea       not null,
    created_by        text        not null,
    created_at        timestamptz not null,
    revoked_at        timestamptz
);

create index s3_key_by_tenant on s3_key (tenant_id, created_at);
