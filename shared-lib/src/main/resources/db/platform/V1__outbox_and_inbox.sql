-- Platform tables every service owns a copy of in its own database; migrated by the outbox auto-configuration with
-- its own history table (platform_schema_history) so they never collide with the service's own migrations.
create table event_outbox (
    position     bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    source       text        not null,
    occurred_at  timestamptz not null,
    payload      bytea       not null,
    published_at timestamptz
);

create index event_outbox_unpublished on event_outbox (position) where published_at is null;
create index event_outbox_published_at on event_outbox (published_at) where published_at is not null;

create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index processed_event_processed_at on processed_event (processed_at);
