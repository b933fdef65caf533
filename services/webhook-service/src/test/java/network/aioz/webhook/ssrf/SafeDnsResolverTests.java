package network.aioz.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeDnsResolverTests {

  private static final Map<String, String[]> ZONE =
      Map.of(
          "mixed.test", new String[] {"10.0.0.1", "93.184.216.34"},
          "inside.test", new String[] {"192.168.1.10", "169.254.169.254"},
          "public.test", new String[] {"93.184.216.34"});

  private static final HostResolver DNS =
      host -> {
        String[] answer = ZONE.get(host);
        if (answer == null) {
          return HostResolver.SYSTEM.resolve(host);
        }
        InetAddress[] addresses = new InetAddress[answer.length];
        for (int i = 0; i < answer.length; i++) {
          addresses[i] = InetAddress.getByName(answer[i]);
        }
        return addresses;
      };

  private final SafeDnsResolver strict = new SafeDnsResolver(DNS, new AddressPolicy(false));

  @Test
  void handsTheClientOnlyAllowedAddresses() throws UnknownHostException {
    assertThat(strict.resolve("mixed.test"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("93.184.216.34");
    assertThat(strict.resolve("public.test", 443))
        .containsExactly(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 443));
  }

  @Test
  void refusesAHostWithNoAllowedAddress() {
    assertThatThrownBy(() -> strict.resolve("inside.test"))
        .isInstanceOf(UnsafeAddressException.class);
    assertThatThrownBy(() -> strict.resolve("localhost", 80))
        .isInstanceOf(UnsafeAddressException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> strict.resolve("127.0.0.1"))
        .isInstanceOf(UnsafeAddressException.class);
    assertThatThrownBy(() -> strict.resolve("::1")).isInstanceOf(UnsafeAddressException.class);
    assertThatThrownBy(() -> strict.resolve("169.254.169.254"))
        .isInstanceOf(UnsafeAddressException.class)
        .hasMessageContaining("metadata");
  }

  @Test
  void allowLoopbackLetsLocalhostThrough() throws UnknownHostException {
    SafeDnsResolver local = new SafeDnsResolver(DNS, new AddressPolicy(true));
    assertThat(local.resolve("localhost")).allMatch(InetAddress::isLoopbackAddress);
    assertThatThrownBy(() -> local.resolve("10.0.0.1")).isInstanceOf(UnsafeAddressException.class);
  }
}
