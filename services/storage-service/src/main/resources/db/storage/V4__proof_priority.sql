-- How often Proof of Storage challenges a bucket's pieces: 'high' for valuable data (the proof
-- service challenges those pieces more often). Chosen at CreateBucket (x-aioz-proof-priority);
-- each blob keeps the priority it was written with, so repairs announce their pieces the same way.
alter table bucket add column proof_priority text not null default 'standard'
    check (proof_priority in ('standard', 'high'));
alter table blob add column proof_priority text not null default 'standard'
    check (proof_priority in ('standard', 'high'));
