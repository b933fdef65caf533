-- One stored-bytes sample per usage window across replicas: the replica that inserts the window's row takes it.
create table usage_window (
    window_end timestamptz primary key
);
