-- A store task is released when the service that placed it no longer wants the piece (object deleted, piece moved or
-- lost). The node learns of the release in its task list, deletes the piece and acknowledges.
alter table task add column released_at timestamptz;
alter table task add column release_reason text;
alter table task add column release_acked_at timestamptz;
create index task_release_pending on task (node_address) where released_at is not null and release_acked_at is null;
