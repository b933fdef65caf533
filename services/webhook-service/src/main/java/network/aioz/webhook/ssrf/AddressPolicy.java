package network.aioz.webhook.ssrf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a webhook may reach: public unicast only. Loopback is allowed when the service
 * runs on a developer's machine ({@code webhook.delivery.allow-loopback}), and nothing else is.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64) are judged by that address.
 */
public final class AddressPolicy {

  private record Block(byte[] prefix, int bits, String reason) {

    static Block of(String cidr, String reason) {
      int slash = cidr.indexOf('/');
      try {
        byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), reason);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  private static final Block LOOPBACK_V4 = Block.of("127.0.0.0/8", "loopback");
  private static final Block LOOPBACK_V6 = Block.of("::1/128", "loopback");

  private static final List<Block> REFUSED =
      List.of(
          Block.of("0.0.0.0/8", "unspecified"),
          Block.of("10.0.0.0/8", "private"),
          Block.of("100.64.0.0/10", "cgnat"),
          Block.of("169.254.169.254/32", "metadata"),
          Block.of("169.254.0.0/16", "link-local"),
          Block.of("172.16.0.0/12", "private"),
          Block.of("192.0.0.0/24", "ietf-protocol"),
          Block.of("192.168.0.0/16", "private"),
          Block.of("198.18.0.0/15", "benchmarking"),
          Block.of("224.0.0.0/4", "multicast"),
          Block.of("240.0.0.0/4", "reserved-or-broadcast"),
          Block.of("::/128", "unspecified"),
          Block.of("fd00:ec2::254/128", "metadata"),
          Block.of("fc00::/7", "unique-local"),
          Block.of("fe80::/10", "link-local"),
          Block.of("fec0::/10", "site-local"),
          Block.of("ff00::/8", "multicast"));

  private static final Block IPV4_MAPPED = Block.of("::ffff:0:0/96", "ipv4-mapped");
  private static final Block IPV4_COMPATIBLE = Block.of("::/96", "ipv4-compatible");
  private static final Block NAT64 = Block.of("64:ff9b::/96", "nat64");

  private final boolean allowLoopback;

  public AddressPolicy(boolean allowLoopback) {
    this.allowLoopback = allowLoopback;
  }

  public boolean allowLoopback() {
    return allowLoopback;
  }

  public boolean isAllowed(InetAddress address) {
    return refusal(address).isEmpty();
  }

  /** Why the address may not be reached, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      Optional<byte[]> embedded = embeddedIpv4(bytes);
      if (embedded.isPresent()) {
        return refusalOf(embedded.get());
      }
    } else if (!(address instanceof Inet4Address)) {
      return Optional.of("unknown-family");
    }
    return refusalOf(bytes);
  }

  private Optional<String> refusalOf(byte[] bytes) {
    if (LOOPBACK_V4.contains(bytes) || LOOPBACK_V6.contains(bytes)) {
      return allowLoopback ? Optional.empty() : Optional.of("loopback");
    }
    for (Block block : REFUSED) {
      if (block.contains(bytes)) {
        return Optional.of(block.reason());
      }
    }
    return Optional.empty();
  }

  private static Optional<byte[]> embeddedIpv4(byte[] v6) {
    boolean embeds =
        IPV4_MAPPED.contains(v6)
            || NAT64.contains(v6)
            // ::/96 holds :: and ::1 themselves, which are judged as IPv6
            || (IPV4_COMPATIBLE.contains(v6) && !isZeroOrOne(v6));
    if (!embeds) {
      return Optional.empty();
    }
    byte[] v4 = new byte[4];
    System.arraycopy(v6, 12, v4, 0, 4);
    return Optional.of(v4);
  }

  private static boolean isZeroOrOne(byte[] v6) {
    for (int i = 0; i < 15; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[15] == 0 || v6[15] == 1;
  }
}
