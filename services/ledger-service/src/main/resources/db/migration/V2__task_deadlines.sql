-- The deadline sweep looks for tasks that have been assigned or running for too long.
create index task_waiting_since on task (updated_at) where status in ('ASSIGNED', 'RUNNING');
