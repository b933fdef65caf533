package network.aioz.gateway.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What went wrong, as the client should hear it: a status, a problem type and a detail that names
 * no internal host, port or exception.
 *
 * @param type problem type URI; {@code about:blank} when the status says it all
 * @param headers headers the status requires, such as {@code Allow} on a 405
 */
record GatewayError(
    HttpStatusCode status, String type, String title, String detail, HttpHeaders headers) {

  static final String TYPE_BASE = "https://aioz.network/problems/gateway/";

  static GatewayError classify(Throwable error) {
    if (error instanceof GatewayRejection rejection) {
      return rejection.toError();
    }
    if (error instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
      return clientError(response);
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      // Netty's ConnectTimeoutException is a ConnectException, so timeouts are checked first.
      if (isTimeout(cause)) {
        return upstreamTimeout();
      }
      if (cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof UnknownHostException
          || cause instanceof PrematureCloseException) {
        return new GatewayError(
            HttpStatus.BAD_GATEWAY,
            TYPE_BASE + "upstream-unavailable",
            "Upstream unavailable",
            "The service behind this path could not be reached.",
            HttpHeaders.EMPTY);
      }
    }
    if (error instanceof ErrorResponse response) {
      return response.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()
          ? upstreamTimeout()
          : byStatus(response.getStatusCode(), null, response.getHeaders());
    }
    return new GatewayError(
        HttpStatus.INTERNAL_SERVER_ERROR,
        TYPE_BASE + "internal-error",
        "Internal gateway error",
        "The gateway failed to handle this request; quote the request id when reporting it.",
        HttpHeaders.EMPTY);
  }

  private static boolean isTimeout(Throwable cause) {
    return cause instanceof TimeoutException
        || cause instanceof io.netty.channel.ConnectTimeoutException
        || cause instanceof io.netty.handler.timeout.TimeoutException
        || cause instanceof org.springframework.cloud.gateway.support.TimeoutException;
  }

  private static GatewayError upstreamTimeout() {
    return new GatewayError(
        HttpStatus.GATEWAY_TIMEOUT,
        TYPE_BASE + "upstream-timeout",
        "Upstream timeout",
        "The service behind this path did not answer in time.",
        HttpHeaders.EMPTY);
  }

  private static GatewayError clientError(ErrorResponse response) {
    HttpStatusCode status = response.getStatusCode();
    if (status.value() == HttpStatus.NOT_FOUND.value()) {
      return new GatewayError(
          status,
          TYPE_BASE + "no-route",
          "No route",
          "No service is routed at this path.",
          response.getHeaders());
    }
    if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
      return new GatewayError(
          status,
          TYPE_BASE + "request-too-large",
          "Request too large",
          "The request body is larger than the gateway accepts.",
          response.getHeaders());
    }
    return byStatus(status, response.getBody().getDetail(), response.getHeaders());
  }

  private static GatewayError byStatus(HttpStatusCode status, String detail, HttpHeaders headers) {
    HttpStatus known = HttpStatus.resolve(status.value());
    String title = known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    return new GatewayError(status, "about:blank", title, detail, headers);
  }
}
