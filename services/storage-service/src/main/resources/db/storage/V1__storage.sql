-- The object store: buckets, object versions, multipart uploads, and the blobs (encrypted, erasure-coded data) they
-- point to, down to the pieces on edge nodes. Keys sort in byte order (COLLATE "C"), as S3 lists them.

create table bucket (
    name        text primary key,
    tenant_id   text        not null,
    region      text        not null,
    redundancy  text        not null,
    versioning  text        not null default 'Unversioned'
                check (versioning in ('Unversioned', 'Enabled', 'Suspended')),
    cors        jsonb,
    tags        jsonb,
    created_at  timestamptz not null
);
create index bucket_by_tenant on bucket (tenant_id, name);

-- Encrypted data: the bytes of one simple PUT or of one uploaded part. A blob is written before the object that
-- points to it is committed; blobs nothing points to are garbage (state 'orphaned' once found, then released).
create table blob (
    id            uuid primary key,
    tenant_id     text        not null,
    state         text        not null check (state in ('writing', 'committed', 'released')),
    size          bigint      not null default 0,
    redundancy    text        not null,
    data_k        int         not null,
    data_m        int         not null,
    segment_size  int         not null,
    chunk_size    int         not null,
    key_wrap      text        not null check (key_wrap in ('master', 'sse-c')),
    master_key_id text,
    wrapped_key   bytea       not null,
    sse_key_md5   text,
    inline_data   bytea,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index blob_writing on blob (updated_at) where state = 'writing';

create table segment (
    blob_id      uuid   not null references blob (id),
    idx          int    not null,
    plain_offset bigint not null,
    plain_size   int    not null,
    cipher_size  int    not null,
    shard_size   int    not null,
    primary key (blob_id, idx)
);

-- One erasure-coded piece of one segment on one node (the ledger's STORE task). A segment has k+m piece slots; a slot
-- whose node lost it is 'missing' until repair stores it again elsewhere (a new row; the old one becomes 'released').
create table piece (
    id            uuid primary key,
    blob_id       uuid        not null,
    segment_idx   int         not null,
    piece_idx     int         not null,
    state         text        not null check (state in ('stored', 'missing', 'released')),
    task_id       uuid,
    node_address  text,
    endpoint      text,
    digest        text        not null,
    size          int         not null,
    block_size    int         not null,
    merkle_root   text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    foreign key (blob_id, segment_idx) references segment (blob_id, idx)
);
create index piece_by_segment on piece (blob_id, segment_idx) where state <> 'released';
create index piece_by_node on piece (node_address) where state = 'stored';
create index piece_by_task on piece (task_id);

create table object_version (
    id               uuid primary key,
    bucket           text        not null references bucket (name),
    key              text collate "C" not null,
    version_id       text        not null,
    seq              bigserial,
    is_latest        boolean     not null,
    delete_marker    boolean     not null default false,
    size             bigint      not null default 0,
    etag             text,
    content_type     text,
    headers          jsonb       not null default '{}',
    user_metadata    jsonb       not null default '{}',
    tags             jsonb       not null default '{}',
    checksum_algo    text,
    checksum_value   text,
    checksum_type    text,
    part_count       int,
    owner_tenant     text        not null,
    created_at       timestamptz not null
);
create unique index object_version_id on object_version (bucket, key, version_id);
create unique index object_latest on object_version (bucket, key) where is_latest;
create index object_versions_in_order on object_version (bucket, key, seq desc);

-- The blobs an object version is made of, in order: one for a simple PUT, one per part for a multipart upload.
create table object_part (
    object_id    uuid   not null references object_version (id) on delete cascade,
    part_number  int    not null,
    blob_id      uuid   not null references blob (id),
    plain_offset bigint not null,
    size         bigint not null,
    etag         text   not null,
    checksum     text,
    primary key (object_id, part_number)
);
create index object_part_by_blob on object_part (blob_id);

create table multipart_upload (
    upload_id      text primary key,
    bucket         text        not null references bucket (name),
    key            text collate "C" not null,
    tenant_id      text        not null,
    content_type   text,
    headers        jsonb       not null default '{}',
    user_metadata  jsonb       not null default '{}',
    tags           jsonb       not null default '{}',
    checksum_algo  text,
    sse_key_md5    text,
    initiated_at   timestamptz not null
);
create index multipart_by_key on multipart_upload (bucket, key, initiated_at);

create table upload_part (
    upload_id    text        not null references multipart_upload (upload_id) on delete cascade,
    part_number  int         not null check (part_number between 1 and 10000),
    blob_id      uuid        not null references blob (id),
    size         bigint      not null,
    etag         text        not null,
    checksum     text,
    uploaded_at  timestamptz not null,
    primary key (upload_id, part_number)
);

-- Work for the repair loop and the piece collector, ordered by urgency.
create table repair_queue (
    blob_id      uuid        not null,
    segment_idx  int         not null,
    health       int         not null,
    reason       text        not null,
    not_before   timestamptz not null,
    attempts     int         not null default 0,
    primary key (blob_id, segment_idx)
);
create index repair_by_health on repair_queue (health, not_before);

-- Stored bytes per tenant and bucket, kept exact in the transactions that commit or delete data.
create table usage_counter (
    tenant_id      text   not null,
    bucket         text   not null,
    stored_bytes   bigint not null default 0,
    object_count   bigint not null default 0,
    primary key (tenant_id, bucket)
);
