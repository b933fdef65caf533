package network.aioz.webhook.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, a seam so tests can play a DNS server that changes its answers. */
@FunctionalInterface
public interface HostResolver {

  HostResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
