package network.aioz.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import network.aioz.billing.ledger.Accounts;
import network.aioz.billing.ledger.Ledger;
import network.aioz.billing.ledger.TransferRequest;
import network.aioz.billing.ledger.TransferResult;

/** Money for a test's tenant, from the development source, as a dev top-up would give it. */
public final class TopUps {

  private TopUps() {}

  /** Opens the tenant's account if need be and credits it {@code amount} base units. */
  public static void topUp(Ledger ledger, Accounts accounts, String tenant, BigInteger amount) {
    assertThat(
            ledger.submit(
                List.of(
                    TransferRequest.posted(
                        UUID.randomUUID(),
                        Accounts.DEV_TOP_UP,
                        accounts.openTenant(tenant),
                        amount,
                        "top_up",
                        "test"))))
        .containsExactly(TransferResult.CREATED);
  }
}
