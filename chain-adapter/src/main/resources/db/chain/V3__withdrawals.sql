-- A transaction may carry native tokens (a withdrawal's payout); replacements sign the same value.
alter table chain_tx add column value numeric(78,0) not null default 0;

-- At most one live payout nonce per refund: every attempt of a nonce has its own attempt number, and a
-- second nonce for the same refund is possible only once the first was dropped (used by a transaction
-- that is none of ours, so it never paid).
create unique index chain_tx_one_payout on chain_tx (reference, attempt)
    where purpose = 'withdrawal' and state <> 'dropped';

-- Billing's withdrawal requests to a chain address (WithdrawalRequested), once per refund, and where each stands.
create table withdrawal (
    refund_id    uuid          primary key,
    tenant_id    text          not null,
    address      text          not null,
    amount       numeric(78,0) not null,
    expires_at   timestamptz   not null,
    -- requested (waiting to be paid) | sending (its transaction is in flight) | paid | failed
    state        text          not null default 'requested',
    -- the payout's transaction: the first attempt while sending, the mined attempt once paid or failed
    tx_id        bigint        references chain_tx (id),
    tx_hash      text,
    block_number bigint,
    -- why it waits (requested) or why it failed (failed)
    last_error   text,
    requested_at timestamptz   not null,
    updated_at   timestamptz   not null
);

create unique index withdrawal_tx on withdrawal (tx_id) where tx_id is not null;
create index withdrawal_requested on withdrawal (requested_at) where state = 'requested';
