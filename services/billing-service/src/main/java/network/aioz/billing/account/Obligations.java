package network.aioz.billing.account;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * What tenants owe and could not yet be charged for (usage priced beyond what their balance
 * covered). A tenant's standing counts it against the balance: money that arrives first pays what
 * is owed, so it does not make the tenant able to start new work until the debt is paid.
 */
public interface Obligations {

  /** Outstanding base units by tenant id; a tenant that owes nothing may be left out. */
  Map<String, BigInteger> outstanding(Collection<String> tenantIds);

  /** Nothing owed by anybody: the service before metering has charged anything. */
  Obligations NONE = tenantIds -> Map.of();
}
