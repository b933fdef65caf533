package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The servlet adapter hands over the raw path and query, so signatures verify behind a servlet. */
class ServletRequestViewTests {

  @Test
  void servletRequestAuthenticates() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    TestRequest signed =
        TestRequest.of("GET", "/bucket/a%20b%2Bc?prefix=x%2Fy").header("Host", "h");
    TestSigV4.sign(signed, now, TestSigV4.EMPTY_SHA256);

    MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/bucket/a%20b%2Bc");
    servlet.setQueryString("prefix=x%2Fy");
    for (String name : signed.headerNames()) {
      signed.headerValues(name).forEach(v -> servlet.addHeader(name.toUpperCase(), v));
    }
    ServletRequestView view = new ServletRequestView(servlet);
    assertThat(view.rawPath()).isEqualTo("/bucket/a%20b%2Bc");
    assertThat(view.header("x-amz-date")).isEqualTo(signed.header("x-amz-date"));

    Authentication auth =
        new SigV4Authenticator(
                TestSigV4.lookup(), Set.of("us-east-1"), Clock.fixed(now, ZoneOffset.UTC))
            .authenticate(view);
    assertThat(auth.tenantId()).isEqualTo(TestSigV4.TENANT);
  }
}
