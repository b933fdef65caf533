package network.aioz.webhook.ssrf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's resolver: it hands the client only addresses the policy allows, so the address
 * checked is the address connected to (no window for DNS rebinding between check and connect). A
 * host with no allowed address fails with {@link UnsafeAddressException}.
 */
public class SafeDnsResolver implements DnsResolver {

  private final HostResolver resolver;
  private final AddressPolicy policy;

  public SafeDnsResolver(HostResolver resolver, AddressPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] all = resolver.resolve(host);
    List<InetAddress> allowed = new ArrayList<>(all.length);
    String reason = "no address";
    for (InetAddress address : all) {
      var refusal = policy.refusal(address);
      if (refusal.isEmpty()) {
        allowed.add(address);
      } else {
        reason = refusal.get() + " " + address.getHostAddress();
      }
    }
    if (allowed.isEmpty()) {
      throw new UnsafeAddressException(host, reason);
    }
    return allowed.toArray(InetAddress[]::new);
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return resolve(host)[0].getCanonicalHostName();
  }
}
