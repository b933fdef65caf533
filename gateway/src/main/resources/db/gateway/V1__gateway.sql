-- Token buckets shared by every gateway replica. Unlogged: no WAL per request; after a crash the
-- buckets start full again, which only forgives.
create unlogged table gateway_rate_bucket (
  bucket_key        text primary key,
  capacity          bigint not null,
  refill_per_second double precision not null,
  tokens            double precision not null,
  allowed           boolean not null,
  updated_at        timestamptz not null
);
create index gateway_rate_bucket_idle on gateway_rate_bucket (updated_at);

-- Idempotency-Key records: a claim (in flight, with a lease) and then the stored first response.
create table gateway_idempotency (
  tenant_id   text not null,
  idem_key    text not null,
  fingerprint text not null,
  owner       uuid not null,
  state       text not null check (state in ('in-flight', 'completed')),
  lease_until timestamptz,
  status      int,
  headers     text,
  body        bytea,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  primary key (tenant_id, idem_key)
);
create index gateway_idempotency_expiry on gateway_idempotency (expires_at);
