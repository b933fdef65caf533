package network.aioz.billing.ledger;

import java.util.List;

/**
 * Sees the balances of the accounts a batch (or a hold expiry sweep) changed, inside the
 * transaction that changed them and after the batch's own {@code inTransaction} callback: what it
 * records (an outbox event that a tenant's balance ran low) commits with the transfers or not at
 * all. It may run more than once if the batch is retried, so it must be idempotent in effect.
 */
public interface BalanceObserver {

  /** The changed accounts' balances as they stand after the batch, in account id order. */
  void changed(List<Accounts.Balance> balances);
}
