package network.aioz.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Checks that a response is an RFC 9457 problem produced by the gateway. */
final class ProblemAssertions {

  private ProblemAssertions() {}

  /** A problem whose {@code instance} is the request's path. */
  static JsonNode assertGatewayProblem(HttpResponse<String> response, int status, String type) {
    return assertGatewayProblem(response, status, type, response.request().uri().getPath());
  }

  static JsonNode assertGatewayProblem(
      HttpResponse<String> response, int status, String type, String instance) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
    JsonNode problem = GatewayClient.json(response);
    assertThat(problem.get("type").asString()).isEqualTo(type);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(problem.get("instance").asString()).isEqualTo(instance);
    assertThat(problem.get("requestId").asString())
        .isNotBlank()
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(response.body()).doesNotContain("Exception", "at network.", "<html");
    return problem;
  }
}
