-- A replica now takes several tokens at once (a lease) and spends them locally: `want` is what it
-- asked for, `granted` what the bucket gave (0 when empty). `allowed` (one token or none) is gone.
alter table gateway_rate_bucket add column want double precision not null default 1;
alter table gateway_rate_bucket add column granted double precision not null default 0;
alter table gateway_rate_bucket drop column allowed;
