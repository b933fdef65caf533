package network.aioz.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import network.aioz.shared.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class UrlPolicyTests {

  /** Public names resolve to a public address; everything else as the system resolves it. */
  private static final HostResolver DNS =
      host ->
          host.equals("hooks.example.com")
              ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
              : HostResolver.SYSTEM.resolve(host);

  private final UrlPolicy strict = new UrlPolicy(false, DNS, new AddressPolicy(false));

  private static HttpStatus statusOf(Runnable check) {
    try {
      check.run();
      return HttpStatus.OK;
    } catch (ApiProblem problem) {
      return problem.status();
    }
  }

  @Test
  void acceptsAPublicHttpsUrl() {
    assertThat(strict.check("https://hooks.example.com/aioz?x=1").toString())
        .isEqualTo("https://hooks.example.com/aioz?x=1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://localhost/hook",
        "https://localhost:8443/hook",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://10.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fd00:ec2::254]/",
        "https://[::ffff:127.0.0.1]/",
        "https://0.0.0.0/"
      })
  void refusesInternalHostsWithoutAllowLoopback(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
              assertThat(p.type()).isEqualTo("unsafe-url");
            });
  }

  @Test
  void allowLoopbackAdmitsLocalhostButNotPrivateNetworks() {
    UrlPolicy local = new UrlPolicy(true, DNS, new AddressPolicy(true));
    assertThat(statusOf(() -> local.check("http://localhost:8080/hook"))).isEqualTo(HttpStatus.OK);
    assertThat(statusOf(() -> local.check("http://[::1]:8080/hook"))).isEqualTo(HttpStatus.OK);
    assertThat(statusOf(() -> local.check("http://10.0.0.1/hook")))
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.com/hook",
        "https://user:secret@hooks.example.com/",
        "https://@hooks.example.com/",
        "ftp://hooks.example.com/",
        "file:///etc/passwd",
        "hooks.example.com/hook",
        "https:///path",
        "https://hooks.example.com/#frag",
        "https://bad host/",
        " "
      })
  void refusesMalformedOrPlainHttpUrls(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(p.type()).isEqualTo("invalid-url");
            });
  }

  @Test
  void refusesAnOverlongUrl() {
    assertThat(statusOf(() -> strict.check("https://hooks.example.com/" + "a".repeat(3000))))
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void refusesAHostThatDoesNotResolve() {
    assertThat(statusOf(() -> strict.check("https://no-such-host.invalid/")))
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
  }
}
