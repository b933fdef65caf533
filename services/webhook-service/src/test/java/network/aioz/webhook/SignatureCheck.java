package network.aioz.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.aioz.infra.NodeScripts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies captured deliveries with the reference implementation, npm {@code standardwebhooks}, in
 * src/test/signature-check ({@code npm ci} once if its node_modules is missing): the service's
 * signatures are checked by code that shares nothing with its signer.
 */
public final class SignatureCheck {

  static final Path DIR = Path.of("src/test/signature-check").toAbsolutePath();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One delivery to verify with one secret; {@code expect} says whether it must verify. */
  public record Case(
      String name, String secret, String body, Map<String, String> headers, boolean expect) {

    public static Case of(String name, String secret, Receiver.Request request, boolean expect) {
      return new Case(
          name,
          secret,
          request.bodyText(),
          Map.of(
              "webhook-id", request.header("webhook-id"),
              "webhook-timestamp", request.header("webhook-timestamp"),
              "webhook-signature", request.header("webhook-signature")),
          expect);
    }
  }

  private SignatureCheck() {}

  /** Fails the test with the library's output unless every case came out as expected. */
  public static void assertOutcomes(List<Case> cases) {
    try {
      Path file = Files.createTempFile("webhook-cases-", ".json");
      try {
        Files.write(file, JSON.writeValueAsBytes(cases));
        NodeScripts.Result result =
            NodeScripts.run(DIR, "verify.mjs", List.of(file.toString()), Duration.ofSeconds(60));
        assertThat(result.exitCode())
            .as("standardwebhooks verification:%n%s", result.output())
            .isZero();
        assertThat(result.output()).contains(cases.size() + " cases, 0 mismatches");
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
