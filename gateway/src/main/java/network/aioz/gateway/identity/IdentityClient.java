package network.aioz.gateway.identity;

import io.netty.channel.ChannelOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.aioz.gateway.problem.GatewayRejection;
import network.aioz.shared.identity.InternalTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks identity-service who a credential belongs to ({@code POST /internal/v1/authenticate}), as
 * the gateway itself: with an internal token of its own that carries {@code identity:internal}.
 */
class IdentityClient {

  private static final Logger log = LoggerFactory.getLogger(IdentityClient.class);

  private final WebClient client;
  private final ServiceToken serviceToken;
  private final JsonMapper json;

  IdentityClient(IdentityProperties properties, ServiceToken serviceToken, JsonMapper json) {
    HttpClient http =
        HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
            .responseTimeout(properties.timeout());
    this.client =
        WebClient.builder()
            .baseUrl(properties.serviceUri().toString())
            .clientConnector(new ReactorClientHttpConnector(http))
            .build();
    this.serviceToken = serviceToken;
    this.json = json;
  }

  /** The caller, or a refusal with identity-service's reason; errors when it cannot answer. */
  Mono<Resolution> authenticate(Credential credential) {
    byte[] body = json.writeValueAsBytes(Map.of(credential.kind(), credential.value()));
    return client
        .post()
        .uri("/internal/v1/authenticate")
        .contentType(MediaType.APPLICATION_JSON)
        .header(InternalTokens.HEADER, serviceToken.current())
        .bodyValue(body)
        .exchangeToMono(
            response -> {
              int status = response.statusCode().value();
              if (status == 200) {
                return response.bodyToMono(byte[].class).map(this::accepted);
              }
              if (status == 400 || status == 401 || status == 403) {
                return response
                    .bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .map(IdentityClient.this::refused);
              }
              return response
                  .releaseBody()
                  .then(Mono.error(unavailable("identity-service answered " + status)));
            })
        .onErrorMap(e -> !(e instanceof GatewayRejection), e -> unavailable(e.toString()));
  }

  private Resolution accepted(byte[] body) {
    JsonNode node = json.readTree(body);
    String expires = text(node, "expiresAt");
    Caller caller =
        new Caller(
            required(node, "subject"),
            required(node, "tenantId"),
            scopes(node.path("scopes")),
            required(node, "authMethod"),
            required(node, "credentialId"),
            expires == null ? null : Instant.parse(expires));
    return new Resolution(caller, null);
  }

  private static Set<String> scopes(JsonNode array) {
    List<String> scopes = new java.util.ArrayList<>();
    for (JsonNode scope : array) {
      scopes.add(scope.asString());
    }
    return Set.copyOf(scopes);
  }

  private Resolution refused(byte[] body) {
    String detail = null;
    if (body.length > 0) {
      try {
        detail = text(json.readTree(body), "detail");
      } catch (RuntimeException e) {
        detail = null;
      }
    }
    return new Resolution(null, detail == null ? "The credential is not valid." : detail);
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw unavailable("identity-service's answer lacks " + field);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  static GatewayRejection unavailable(String why) {
    log.warn("identity lookup failed: {}", why);
    return new GatewayRejection(
        HttpStatus.SERVICE_UNAVAILABLE,
        "identity-unavailable",
        "Identity unavailable",
        "The credential could not be checked right now; retry shortly.");
  }

  /** A credential's owner, or why it was refused (exactly one of the two is set). */
  record Resolution(Caller caller, String refusal) {}
}
