package network.aioz.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTests {

  private final AddressPolicy strict = new AddressPolicy(false);
  private final AddressPolicy local = new AddressPolicy(true);

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "::1, loopback",
    "10.0.0.1, private",
    "10.255.255.255, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.0.1, private",
    "169.254.169.254, metadata",
    "169.254.1.1, link-local",
    "fe80::1, link-local",
    "fc00::1, unique-local",
    "fd12:3456::1, unique-local",
    "fd00:ec2::254, metadata",
    "100.64.0.1, cgnat",
    "100.127.255.255, cgnat",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "::, unspecified",
    "224.0.0.1, multicast",
    "239.255.255.250, multicast",
    "ff02::1, multicast",
    "255.255.255.255, reserved-or-broadcast",
    "::ffff:10.0.0.1, private",
    "::ffff:127.0.0.1, loopback",
    "::ffff:169.254.169.254, metadata",
    "::10.0.0.1, private",
    "::169.254.169.254, metadata",
    "64:ff9b::a00:1, private"
  })
  void refusesInternalAddresses(String address, String reason) {
    assertThat(strict.refusal(ip(address))).contains(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.255.255",
        "192.169.0.1",
        "11.0.0.1",
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "::ffff:8.8.8.8"
      })
  void allowsPublicAddresses(String address) {
    assertThat(strict.isAllowed(ip(address))).isTrue();
    assertThat(local.isAllowed(ip(address))).isTrue();
  }

  @Test
  void allowLoopbackAllowsLoopbackOnly() {
    assertThat(local.isAllowed(ip("127.0.0.1"))).isTrue();
    assertThat(local.isAllowed(ip("::1"))).isTrue();
    assertThat(local.isAllowed(ip("::ffff:127.0.0.1"))).isTrue();
    assertThat(local.refusal(ip("10.0.0.1"))).contains("private");
    assertThat(local.refusal(ip("169.254.169.254"))).contains("metadata");
    assertThat(local.refusal(ip("fd00:ec2::254"))).contains("metadata");
    assertThat(local.refusal(ip("0.0.0.0"))).contains("unspecified");
    assertThat(local.refusal(ip("192.168.1.1"))).contains("private");
  }
}
