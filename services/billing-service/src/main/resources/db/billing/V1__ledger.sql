-- The token ledger: accounts and immutable double-entry transfers, in base units (18 decimals).
-- Balances are the running sums of the transfers that touched an account; a transfer is never
-- updated except a pending one's state (posted, voided, expired), and corrections are reversing
-- transfers. NUMERIC(78,0) holds any uint256.

create table ledger_account (
    id              text primary key,
    -- tenant: a tenant's spendable AIOZ account; platform: edges' pool, validators, treasury, ...
    kind            text not null check (kind in ('tenant', 'platform')),
    tenant_id       text,
    -- bit 1: debits must not exceed credits (a tenant's balance never goes negative)
    -- bit 2: credits must not exceed debits (a source account such as on-ramp clearing)
    flags           integer not null default 0,
    debits_pending  numeric(78, 0) not null default 0 check (debits_pending >= 0),
    debits_posted   numeric(78, 0) not null default 0 check (debits_posted >= 0),
    credits_pending numeric(78, 0) not null default 0 check (credits_pending >= 0),
    credits_posted  numeric(78, 0) not null default 0 check (credits_posted >= 0),
    created_at      timestamptz not null default now(),
    check ((kind = 'tenant') = (tenant_id is not null)),
    -- the database enforces the flags too: a bug in the service cannot overdraw an account
    check (flags & 1 = 0 or debits_pending + debits_posted <= credits_posted),
    check (flags & 2 = 0 or credits_pending + credits_posted <= debits_posted)
);

create unique index ledger_account_tenant on ledger_account (tenant_id) where kind = 'tenant';

create table ledger_transfer (
    -- chosen by the client: retrying a transfer with the same id changes nothing
    id              uuid primary key,
    debit_account   text not null references ledger_account (id),
    credit_account  text not null references ledger_account (id),
    amount          numeric(78, 0) not null check (amount >= 0),
    -- what it is for: top_up, deposit, charge, split, burn, mint, reward, refund, reversal, ...
    code            text not null,
    -- posted: final; pending: a hold; post/void: the second phase of pending_id
    phase           text not null check (phase in ('posted', 'pending', 'post', 'void')),
    pending_id      uuid references ledger_transfer (id),
    -- of a pending transfer: open until posted, voided or expired
    state           text check (state in ('open', 'posted', 'voided', 'expired')),
    expires_at      timestamptz,
    -- the split rule (id and version) of a split transfer; the transfer it reverses
    split_rule      text,
    reverses        uuid references ledger_transfer (id),
    -- the business reference: a usage period, a deposit's transaction and log index, an on-ramp order
    reference       text,
    created_at      timestamptz not null default now(),
    check (debit_account <> credit_account),
    check ((phase in ('post', 'void')) = (pending_id is not null)),
    check ((phase = 'pending') = (state is not null))
);

create index ledger_transfer_debit on ledger_transfer (debit_account, created_at);
create index ledger_transfer_credit on ledger_transfer (credit_account, created_at);
create index ledger_transfer_open_holds on ledger_transfer (expires_at) where state = 'open';
-- one second phase per hold, whoever races to it
create unique index ledger_transfer_one_resolution on ledger_transfer (pending_id)
    where pending_id is not null;

-- The platform's own accounts. Sources of tokens that enter the ledger from outside (on-chain
-- deposits, the on-ramp, minting, development top-ups) carry no flags: their debits exceed their
-- credits by what came in, so the ledger's debits and credits always balance.
insert into ledger_account (id, kind, flags) values
    ('platform:edges', 'platform', 1),
    ('platform:validators', 'platform', 1),
    ('platform:treasury', 'platform', 1),
    ('platform:creators', 'platform', 1),
    ('platform:burn', 'platform', 1),
    ('platform:revenue', 'platform', 1),
    ('platform:deposits', 'platform', 0),
    ('platform:onramp', 'platform', 0),
    ('platform:mint', 'platform', 0),
    ('platform:dev-top-up', 'platform', 0);
