package network.aioz.webhook.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The event types tenants can subscribe to: the configured CloudEvent types under their public
 * names, plus {@code webhook.test}.
 */
@Component
public class EventTypes {

  public static final String TEST = "webhook.test";

  private final Map<String, String> publicByCloudEventType;
  private final List<String> known;

  public EventTypes(WebhookProperties properties) {
    this.publicByCloudEventType = properties.eventTypes();
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
