package network.aioz.billing.economics;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import network.aioz.shared.amount.TokenAmount;

/** The split rule in force for each service. */
public final class SplitRules {

  public static final String STORAGE = "storage";
  public static final String PIN = "pin";
  public static final String STREAM = "stream";
  public static final String AI = "ai";

  private final Map<String, SplitRule> byService;

  private SplitRules(Map<String, SplitRule> byService) {
    this.byService = Collections.unmodifiableMap(byService);
  }

  /** One rule per service; a second rule for the same service is refused. */
  public static SplitRules of(Collection<SplitRule> rules) {
    Checks.requireNonNullElements(rules, "split rules");
    Map<String, SplitRule> byService = new TreeMap<>();
    for (SplitRule rule : rules) {
      SplitRule previous = byService.putIfAbsent(rule.service(), rule);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two split rules for service '"
                + rule.service()
                + "': "
                + previous.id()
                + " and "
                + rule.id());
      }
    }
    return new SplitRules(byService);
  }

  /** The defaults documented in ECONOMICS.md. */
  public static SplitRules defaults() {
    return of(
        java.util.List.of(
            new SplitRule("storage-v1", STORAGE, 0, 7000, 1000, 2000),
            new SplitRule("pin-v1", PIN, 0, 7000, 1000, 2000),
            new SplitRule("stream-v1", STREAM, 2000, 5000, 1000, 2000),
            new SplitRule("ai-v1", AI, 1000, 6000, 1000, 2000)));
  }

  public SplitRule forService(String service) {
    SplitRule rule = byService.get(service);
    if (rule == null) {
      throw new IllegalArgumentException(
          "no split rule for service '" + service + "'; known services: " + byService.keySet());
    }
    return rule;
  }

  public Split split(String service, TokenAmount amount, boolean hasCreator) {
    return FeeSplitter.split(amount, forService(service), hasCreator);
  }

  public Map<String, SplitRule> byService() {
    return byService;
  }
}
