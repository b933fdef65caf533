package network.aioz.billing.account;

import java.math.BigInteger;
import java.util.UUID;
import network.aioz.billing.ledger.Accounts;
import network.aioz.shared.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Tells the platform (and, through webhook-service, the tenant) that money arrived: {@code
 * PaymentReceived} on {@code billing.account}, keyed by tenant, written in the transaction of the
 * transfer that credited it.
 */
@Component
public class Payments {

  static final String TOPIC = "billing.account";
  static final String RECEIVED = "network.aioz.billing.PaymentReceived";

  /** The event's data: thin, with ids, amounts as strings of base units. */
  record PaymentReceived(
      String tenantId, UUID transferId, String amount, String source, String available) {}

  private final Outbox outbox;
  private final Accounts accounts;

  Payments(Outbox outbox, Accounts accounts) {
    this.outbox = outbox;
    this.accounts = accounts;
  }

  /** Must run inside the transaction that created transfer {@code transferId}. */
  public void received(
      String tenantId, UUID transferId, BigInteger amount, String source, String account) {
    String available = accounts.balance(account).map(b -> b.available().toString()).orElse("0");
    outbox.append(
        TOPIC,
        tenantId,
        RECEIVED,
        new PaymentReceived(tenantId, transferId, amount.toString(), source, available));
  }
}
