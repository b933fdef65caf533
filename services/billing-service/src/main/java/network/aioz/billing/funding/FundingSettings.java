package network.aioz.billing.funding;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the funding feature; every one has a default so the service starts without them. */
final class FundingSettings {

  private FundingSettings() {}

  /**
   * {@code billing.onramp.*}: the on-ramp's prices and provider.
   *
   * @param rates fiat per AIOZ by currency code (a decimal string); the currencies accepted
   * @param providerFeeBps the provider's fee on the fiat amount, in basis points (rounded up to the
   *     cent)
   * @param networkFee a flat fee in fiat per order (same for every currency)
   * @param quoteTtl how long a quote may be confirmed
   * @param checkoutBaseUrl the provider's checkout page; the order id is appended
   * @param webhookTolerance how far a webhook's timestamp may be from now
   */
  @ConfigurationProperties("billing.onramp")
  record Onramp(
      Map<String, String> rates,
      @DefaultValue("150") int providerFeeBps,
      @DefaultValue("0.30") String networkFee,
      @DefaultValue("PT10M") Duration quoteTtl,
      @DefaultValue("https://checkout.onramp.example/orders/") String checkoutBaseUrl,
      @DefaultValue("PT5M") Duration webhookTolerance) {

    Onramp {
      rates = rates == null || rates.isEmpty() ? Map.of("USD", "0.25") : Map.copyOf(rates);
      if (providerFeeBps < 0 || providerFeeBps > 10_000) {
        throw new IllegalArgumentException(
            "billing.onramp.provider-fee-bps must be 0..10000: " + providerFeeBps);
      }
    }
  }

  /**
   * {@code billing.refunds.*}.
   *
   * @param holdTimeout how long a withdrawal's hold waits for the chain or the provider before the
   *     money returns to the tenant (the ledger allows at most 30 days)
   */
  @ConfigurationProperties("billing.refunds")
  record Refunds(@DefaultValue("P7D") Duration holdTimeout) {

    Refunds {
      if (holdTimeout.isNegative()
          || holdTimeout.isZero()
          || holdTimeout.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException(
            "billing.refunds.hold-timeout must be positive and at most P30D: " + holdTimeout);
      }
    }
  }
}
