package network.aioz.webhook.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The event types tenants can subscribe to: the configured CloudEvent types under their public
 * names, on top of the built-in billing ones ({@link #BUILT_IN}), plus {@code webhook.test}.
 */
@Component
public class EventTypes {

  public static final String TEST = "webhook.test";

  /**
   * Billing's account events, known without configuration: a tenant's own balance is what a
   * deployment must never forget to announce. Configuration may rename them.
   */
  static final Map<String, String> BUILT_IN =
      Map.of(
          "network.aioz.billing.BalanceLow", "balance.low",
          "network.aioz.billing.PaymentReceived", "payment.received",
          "network.aioz.billing.FundsExhausted", "funds.exhausted",
          "network.aioz.billing.FundsRestored", "funds.restored");

  private final Map<String, String> publicByCloudEventType;
  private final List<String> known;

  public EventTypes(WebhookProperties properties) {
    Map<String, String> types = new HashMap<>(BUILT_IN);
    types.putAll(properties.eventTypes());
    this.publicByCloudEventType = Map.copyOf(types);
    TreeSet<String> all = new TreeSet<>(publicByCloudEventType.values());
    all.add(TEST);
    this.known = List.copyOf(all);
  }

  /** The public type of a platform event, or empty when tenants are not told about it. */
  public Optional<String> publicType(String cloudEventType) {
    return Optional.ofNullable(publicByCloudEventType.get(cloudEventType));
  }

  public boolean isKnown(String publicType) {
    return known.contains(publicType);
  }

  /** Every public type, sorted. */
  public List<String> all() {
    return known;
  }
}
