package network.aioz.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import network.aioz.billing.BillingApi;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.billing.BillingTestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BillingIntegrationTest
class PriceApiIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired PriceBook book;
  @Autowired JdbcTemplate jdbc;

  private final String admin = BillingTestInfra.token("platform", "billing:admin", "billing:read");
  private final String tenant =
      BillingTestInfra.token("t-" + UUID.randomUUID(), "billing:read", "billing:write");

  private HttpResponse<String> call(String method, String path, String token, String body) {
    return new BillingApi(port).call(method, path, token, body);
  }

  private int versions() {
    return jdbc.queryForObject("select count(*) from price_book_version", Integer.class);
  }

  @Test
  void theCurrentVersionIsServedToAnyTenant() throws Exception {
    HttpResponse<String> current = call("GET", "/v1/billing/prices", tenant, null);
    assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(current.body());
    assertThat(body.get("prices").valueStream().map(p -> p.get("unit").asString()))
        .contains("byte-second", "egress-byte", "pinned-byte-second", "inference-unit");
    assertThat(call("GET", "/v1/billing/prices?version=1", tenant, null).statusCode())
        .isEqualTo(200);
    assertThat(call("GET", "/v1/billing/prices?version=999999", tenant, null).statusCode())
        .isEqualTo(404);
    assertThat(call("GET", "/v1/billing/prices?at=yesterday", tenant, null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void aNewVersionPricesPeriodsStartingFromItsEffectiveTimeOnly() throws Exception {
    Instant latest =
        jdbc.queryForObject(
                "select max(effective_from) from price_book_version", java.sql.Timestamp.class)
            .toInstant();
    Instant from =
        latest.isBefore(Instant.parse("5000-01-01T00:00:00Z"))
            ? Instant.parse("5000-01-01T00:00:00Z")
            : latest.plus(400, ChronoUnit.DAYS);
    String body =
        "{\"effectiveFrom\":\""
            + from
            + "\",\"note\":\"test\",\"prices\":[{\"service\":\"ai\",\"unit\":\"inference-unit\","
            + "\"region\":\"*\",\"amount\":\"7\",\"per\":\"2\"},{\"service\":\"ai\","
            + "\"unit\":\"inference-unit\",\"region\":\"eu\",\"amount\":\"9\",\"per\":\"1\"}]}";
    assertThat(call("POST", "/v1/billing/prices", tenant, body).statusCode())
        .as("tenants cannot set prices")
        .isEqualTo(403);
    HttpResponse<String> created = call("POST", "/v1/billing/prices", admin, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    int version = JSON.readTree(created.body()).get("version").asInt();

    assertThat(book.versionAt(from.minusSeconds(1))).isNotEqualTo(java.util.Optional.of(version));
    assertThat(book.versionAt(from)).contains(version);
    Price anyRegion = book.price(version, "ai", "inference-unit", "asia").orElseThrow();
    assertThat(anyRegion.due(BigInteger.valueOf(5)))
        .as("floor(5 × 7 / 2)")
        .isEqualTo(BigInteger.valueOf(17));
    assertThat(book.price(version, "ai", "inference-unit", "eu").orElseThrow().amount())
        .isEqualTo(BigInteger.valueOf(9));
    assertThat(
            JSON.readTree(call("GET", "/v1/billing/prices?at=" + from, tenant, null).body())
                .get("version")
                .asInt())
        .isEqualTo(version);
  }

  @Test
  void badPriceVersionsAreRefusedAndChangeNothing() throws Exception {
    int before = versions();
    String future = Instant.now().plus(3650, ChronoUnit.DAYS).toString();
    for (String body :
        new String[] {
          "",
          "{}",
          "{\"effectiveFrom\":\"2000-01-01T00:00:00Z\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"1\"}]}",
          "{\"effectiveFrom\":\"soon\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"1\"}]}",
          "{\"effectiveFrom\":\"" + future + "\",\"prices\":[]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"mining\",\"unit\":\"x\",\"amount\":\"1\"}]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"-1\"}]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"1.5\"}]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"1\",\"per\":\"0\"}]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"ai\",\"unit\":\"\",\"amount\":\"1\"}]}",
          "{\"effectiveFrom\":\""
              + future
              + "\",\"prices\":[{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"1\"},{\"service\":\"ai\",\"unit\":\"x\",\"amount\":\"2\"}]}"
        }) {
      HttpResponse<String> response = call("POST", "/v1/billing/prices", admin, body);
      assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }
    assertThat(versions()).isEqualTo(before);
  }
}
