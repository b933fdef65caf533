package network.aioz.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.aioz.webhook.ssrf.HostResolver;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A DNS server tests control: names under {@code .test} answer what a test set (and can change
 * their answer, like a rebinding attacker); every other name resolves as usual.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDns {

  private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

  public static void answer(String host, String address) {
    ANSWERS.put(host, address);
  }

  @Bean
  HostResolver testHostResolver() {
    return host -> {
      if (host.endsWith(".test")) {
        String address = ANSWERS.get(host);
        if (address == null) {
          throw new UnknownHostException(host);
        }
        return new InetAddress[] {
          InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())
        };
      }
      return HostResolver.SYSTEM.resolve(host);
    };
  }
}
