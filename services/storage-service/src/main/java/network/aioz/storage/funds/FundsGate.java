package network.aioz.storage.funds;

import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses new work to a tenant whose balance cannot cover it. Only the start of new work asks: work
 * already running (reading, deleting, completing a started multipart upload) drains.
 */
@Component
public class FundsGate {

  static final String MESSAGE =
      "Your AIOZ balance cannot cover new work. Top up your account's balance (GET"
          + " /v1/billing/account shows it), then retry. Reads, listings, deletes and completing"
          + " multipart uploads already started still work.";

  private final TenantStandings standings;
  private volatile boolean enforce;

  FundsGate(TenantStandings standings, @Value("${storage.funds.enforce:true}") boolean enforce) {
    this.standings = standings;
    this.enforce = enforce;
  }

  /**
   * @throws S3Exception {@code PaymentRequired} (402) when the tenant is not funded
   */
  public void requireFunded(String tenantId) {
    if (enforce && !standings.funded(tenantId)) {
      throw new S3Exception(S3ErrorCode.PaymentRequired, MESSAGE);
    }
  }

  boolean enforcing() {
    return enforce;
  }

  /** Tests that share a context with enforcement off turn it on around what they check. */
  void enforce(boolean on) {
    this.enforce = on;
  }
}
