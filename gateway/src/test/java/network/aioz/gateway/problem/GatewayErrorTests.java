package network.aioz.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.netty.http.client.PrematureCloseException;

class GatewayErrorTests {

  private static final String SECRET = "ledger.internal:8081";

  @Test
  void refusedConnectionIsBadGatewayWithoutNamingTheHost() {
    GatewayError error =
        GatewayError.classify(new ConnectException("Connection refused: " + SECRET));

    assertThat(error.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(error.type()).endsWith("/upstream-unavailable");
    assertThat(error.detail()).doesNotContain(SECRET);
  }

  @Test
  void unknownHostAndPrematureCloseAreBadGateway() {
    assertThat(GatewayError.classify(new UnknownHostException(SECRET)).status())
        .isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(
            GatewayError.classify(new RuntimeException(new UnknownHostException(SECRET))).status())
        .isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(GatewayError.classify(PrematureCloseException.TEST_EXCEPTION).status())
        .isEqualTo(HttpStatus.BAD_GATEWAY);
  }

  @Test
  void connectTimeoutIsGatewayTimeoutThoughItIsAConnectException() {
    GatewayError error = GatewayError.classify(new ConnectTimeoutException(SECRET));

    assertThat(error.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    assertThat(error.type()).endsWith("/upstream-timeout");
  }

  @Test
  void responseTimeoutRaisedByTheRoutingFilterIsGatewayTimeout() {
    ResponseStatusException raised =
        new ResponseStatusException(
            HttpStatus.GATEWAY_TIMEOUT,
            "Response took longer than timeout: PT0.5S",
            new TimeoutException("Response took longer than timeout: PT0.5S"));

    assertThat(GatewayError.classify(raised).type()).endsWith("/upstream-timeout");
  }

  @Test
  void tooLargeBodyIsContentTooLarge() {
    GatewayError error = GatewayError.classify(new PayloadTooLargeException(null));

    assertThat(error.status().value()).isEqualTo(413);
    assertThat(error.type()).endsWith("/request-too-large");
  }

  @Test
  void wrongMethodKeepsTheAllowHeader() {
    GatewayError error =
        GatewayError.classify(
            new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.GET)));

    assertThat(error.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    assertThat(error.type()).isEqualTo("about:blank");
    assertThat(error.title()).isEqualTo("Method Not Allowed");
    assertThat(error.headers().getAllow()).containsExactly(HttpMethod.GET);
  }

  @Test
  void otherClientErrorsKeepTheirStatusAndTitle() {
    GatewayError error =
        GatewayError.classify(new UnsupportedMediaTypeStatusException("text/csv is not supported"));

    assertThat(error.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(error.title()).isEqualTo("Unsupported Media Type");
  }

  @Test
  void anythingElseIsAnInternalErrorThatLeaksNothing() {
    GatewayError error = GatewayError.classify(new IllegalStateException(SECRET));

    assertThat(error.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(error.type()).endsWith("/internal-error");
    assertThat(error.detail()).doesNotContain(SECRET);
  }
}
