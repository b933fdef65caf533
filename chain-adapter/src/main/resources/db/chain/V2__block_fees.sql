-- Blocks whose fees were reported to billing (chain.fees), once per block: a report is written to the outbox only
-- when its row is new, so reading blocks again (a cursor moved back, two turns racing) reports nothing twice.
-- fees = sum over the block's transactions of gasUsed * effectiveGasPrice, in wei.
create table chain_block_fee (
    chain_id     bigint        not null,
    block_number bigint        not null,
    block_hash   text          not null,
    block_time   timestamptz   not null,
    transactions int           not null,
    fees         numeric(78,0) not null,
    reported_at  timestamptz   not null,
    primary key (chain_id, block_number)
);
