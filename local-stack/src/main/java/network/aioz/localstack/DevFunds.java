package network.aioz.localstack;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Funds the development tenants so the platform works out of the box (it is prepaid: storage
 * refuses new writes to a tenant billing has not announced as funded). Each tenant gets one
 * development top-up whose transfer id is derived from its tenant id, so a restart adds nothing;
 * then the stack waits until storage-service, which learns of it from Kafka, accepts the tenant's
 * writes.
 */
final class DevFunds {

  /** 1,000 AIOZ in base units (18 decimals). */
  static final BigInteger TOP_UP = new BigInteger("1000000000000000000000");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private DevFunds() {}

  /** The one top-up of a development tenant: the same id on every start. */
  static UUID topUpId(String tenantId) {
    return UUID.nameUUIDFromBytes(
        ("local-stack:dev-top-up:" + tenantId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Tops up each tenant once.
   *
   * @return per tenant, what happened ({@code dev +1000 AIOZ} or {@code dev already funded}) and
   *     its available balance
   */
  static List<String> topUp(HttpClient http, String gateway, List<DevTenants.Tenant> tenants) {
    List<String> done = new ArrayList<>();
    for (DevTenants.Tenant tenant : tenants) {
      String body =
          JSON.writeValueAsString(
              Map.of("id", topUpId(tenant.tenantId()).toString(), "amount", TOP_UP.toString()));
      HttpResponse<String> response =
          send(
              http,
              HttpRequest.newBuilder(URI.create(gateway + "/v1/billing/dev/top-ups"))
                  .header("X-API-Key", tenant.apiKey())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      if (response.statusCode() != 201 && response.statusCode() != 200) {
        throw new IllegalStateException(
            "topping up development tenant "
                + tenant.name()
                + ": billing answered "
                + response.statusCode()
                + " "
                + response.body());
      }
      JsonNode answer = JSON.readTree(response.body());
      String available = answer.path("account").path("available").asString();
      done.add(
          tenant.name()
              + (response.statusCode() == 201 ? " +1000 AIOZ" : " topped up before")
              + " (available "
              + available
              + ")");
    }
    return done;
  }

  /**
   * Waits until storage-service lets each tenant start new work: a signed PUT into a bucket that
   * does not exist answers 402 while storage has not seen the tenant funded, 404 {@code
   * NoSuchBucket} after (the funds gate is asked before the bucket is looked up), and stores
   * nothing either way.
   */
  static void awaitStorageAccepts(
      HttpClient http,
      String gateway,
      String region,
      List<DevTenants.Tenant> tenants,
      Duration timeout) {
    URI base = URI.create(gateway);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (DevTenants.Tenant tenant : tenants) {
      while (true) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String path = "/funds-probe-" + HexFormat.of().formatHex(suffix) + "/probe";
        HttpRequest.Builder request =
            HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.noBody());
        SigV4.sign(
                "PUT",
                base.getAuthority(),
                path,
                "",
                region,
                tenant.accessKeyId(),
                tenant.secretAccessKey(),
                Instant.now())
            .forEach(request::header);
        HttpResponse<String> response = send(http, request);
        int status = response.statusCode();
        if (status == 404) {
          break;
        }
        if (status != 402 && status < 500) {
          throw new IllegalStateException(
              "probing storage-service as development tenant "
                  + tenant.name()
                  + ": expected 402 or 404, got "
                  + status
                  + " "
                  + response.body());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "storage-service still refuses development tenant "
                  + tenant.name()
                  + " after "
                  + timeout.toSeconds()
                  + " s ("
                  + status
                  + "): did billing.account FundsRestored reach it? "
                  + response.body());
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
    return DevTenants.send(http, request);
  }
}
