package network.aioz.identity.support;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The scope vocabulary: {@code <service>:read} and {@code <service>:write}. */
public final class Scopes {

  public static final String IDENTITY_READ = "identity:read";
  public static final String IDENTITY_WRITE = "identity:write";

  /** Held only by the gateway and the storage service, never by a tenant's credential. */
  public static final String IDENTITY_INTERNAL = "identity:internal";

  public static final List<String> SERVICES =
      List.of(
          "storage", "ledger", "proof", "identity", "webhooks", "pins", "stream", "ai", "billing");

  /**
   * Operations of the platform's own services (placing pieces on edges, forcing proof challenges):
   * never held by a tenant's credential, or a tenant could steer edges directly.
   */
  public static final Set<String> PLATFORM_ONLY = Set.of("ledger:write", "proof:write");

  /** Every scope a tenant's credential may hold, in a stable order. */
  public static final Set<String> ALL = matching(s -> true);

  private Scopes() {}

  /** The tenant scopes {@code keep} accepts (platform-only scopes never). */
  public static Set<String> matching(Predicate<String> keep) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String service : SERVICES) {
      for (String access : List.of("read", "write")) {
        String scope = service + ":" + access;
        if (!PLATFORM_ONLY.contains(scope) && keep.test(scope)) {
          scopes.add(scope);
        }
      }
    }
    return Set.copyOf(scopes);
  }

  /** The given scopes in vocabulary order. */
  public static List<String> ordered(Collection<String> scopes) {
    return ALL.stream().filter(scopes::contains).sorted(Scopes::compare).toList();
  }

  private static int compare(String a, String b) {
    return Integer.compare(index(a), index(b));
  }

  private static int index(String scope) {
    int colon = scope.indexOf(':');
    int service = SERVICES.indexOf(scope.substring(0, colon));
    return service * 2 + (scope.endsWith(":write") ? 1 : 0);
  }
}
