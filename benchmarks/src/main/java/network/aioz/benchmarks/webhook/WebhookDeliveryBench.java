package network.aioz.benchmarks.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.aioz.benchmarks.support.InProcessService;
import network.aioz.benchmarks.support.Options;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import network.aioz.webhook.WebhookApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook deliveries per second, signature verification included: registers N endpoints of one
 * tenant at a local receiver (JDK HTTP server) that checks every {@code webhook-signature} with its
 * own HMAC code, publishes M {@code ObjectCreated} CloudEvents to Kafka as the storage service's
 * outbox relay would, and measures from the first event published to the last delivery verified (N
 * × M deliveries). Target: at least 500 deliveries/s.
 *
 * <p>By default it starts the webhook service in this JVM against local-infra's PostgreSQL ({@code
 * synchronous_commit} on) and Kafka broker, with loopback allowed. With {@code --service URL
 * --kafka SERVERS --token TOKEN} it drives a running service instead (which must allow http and
 * loopback, and reach this machine's 127.0.0.1); the token is an internal identity token with
 * {@code webhooks:read} and {@code webhooks:write}.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:exec@webhooks} ({@code -Dwebhooks.args="--endpoints
 * 10 --events 2000"}).
 */
public final class WebhookDeliveryBench {

  static final double TARGET = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookDeliveryBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "10"));
    int events = Integer.parseInt(options.getOrDefault("events", "2000"));
    Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-s", "300")));
    System.out.printf(
        "webhook benchmark: %d endpoints x %,d events = %,d deliveries%n",
        endpoints, events, (long) endpoints * events);

    ConfigurableApplicationContext service = null;
    String serviceUrl = options.get("service");
    String kafka = options.get("kafka");
    String token = options.get("token");
    String tenant;
    if (serviceUrl == null) {
      KeyPair gateway = PemKeys.generateP256();
      System.out.println("starting PostgreSQL, Kafka and the webhook service in-process ...");
      kafka = SharedInfra.kafkaBootstrapServers();
      service = startService(gateway, kafka);
      serviceUrl =
          "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
      tenant = "bench-" + UUID.randomUUID();
      token =
          new InternalTokenIssuer(
                  (ECPrivateKey) gateway.getPrivate(),
                  InternalTokens.DEFAULT_ISSUER,
                  Duration.ofMinutes(5),
                  Clock.systemUTC())
              .issue("bench", tenant, Set.of("webhooks:read", "webhooks:write"), "service");
    } else if (kafka == null || token == null) {
      throw new IllegalArgumentException("--service needs --kafka and --token too");
    } else {
      tenant = null;
    }

    try (Receiver receiver = new Receiver()) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < endpoints; i++) {
        String path = "/hooks/" + i;
        JsonNode created =
            call(
                http,
                "POST",
                serviceUrl + "/v1/webhooks/endpoints",
                token,
                Map.of(
                    "url",
                    receiver.url(path),
                    "eventTypes",
                    List.of("storage.object.created"),
                    "description",
                    "bench " + i));
        receiver.secrets.put(path, created.path("secret").asString());
      }
      if (tenant == null) {
        tenant = tenantOf(token);
      }
      System.out.printf("registered %d endpoints at %s%n", endpoints, receiver.url("/hooks/"));
      long expected = (long) endpoints * events;
      run(kafka, tenant, events, expected, receiver, limit);
    } finally {
      if (service != null) {
        service.close();
      }
    }
    System.exit(0);
  }

  private static void run(
      String kafka, String tenant, int events, long expected, Receiver receiver, Duration limit)
      throws InterruptedException {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    long start;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      start = System.nanoTime();
      receiver.start = start;
      for (int i = 0; i < events; i++) {
        String objectId = UUID.randomUUID().toString();
        byte[] data =
            JSON.writeValueAsBytes(
                Map.of(
                    "tenantId", tenant, "objectId", objectId, "bucket", "bench", "key", "o" + i));
        producer.send(
            KafkaCloudEvents.toRecord(
                "storage.object",
                KafkaCloudEvents.event(
                    UUID.randomUUID().toString(),
                    URI.create("urn:aioz:storage-service"),
                    "network.aioz.storage.ObjectCreated",
                    objectId,
                    OffsetDateTime.now(ZoneOffset.UTC),
                    data)));
      }
      producer.flush();
    }
    System.out.printf(
        "published %,d events in %.2f s%n", events, (System.nanoTime() - start) / 1e9);

    long deadline = System.nanoTime() + limit.toNanos();
    long lastCount = 0;
    long lastTime = System.nanoTime();
    while (receiver.verified.get() < expected
        && receiver.invalid.get() == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      long now = System.nanoTime();
      long count = receiver.verified.get();
      System.out.printf(
          "  %,d / %,d deliveries verified (%.0f/s over the last %.1f s)%n",
          count, expected, (count - lastCount) / ((now - lastTime) / 1e9), (now - lastTime) / 1e9);
      lastCount = count;
      lastTime = now;
    }
    long verified = receiver.verified.get();
    double seconds = (receiver.lastVerified - start) / 1e9;
    double rate = verified / seconds;
    System.out.println();
    System.out.printf("| figure | target | measured |%n|---|---|---|%n");
    System.out.printf(
        "| deliveries/s, first event published to last signature verified | >= %,.0f | %,.0f (%,d in %.2f s) |%n",
        TARGET, rate, verified, seconds);
    System.out.printf(
        "invalid signatures: %d, duplicates: %d%n",
        receiver.invalid.get(), receiver.duplicates.get());
    if (receiver.invalid.get() > 0 || verified < expected) {
      System.err.printf("FAILED: %,d of %,d deliveries verified%n", verified, expected);
      System.exit(1);
    }
  }

  private static ConfigurableApplicationContext startService(KeyPair gateway, String kafka)
      throws IOException {
    String url = SharedInfra.database("webhook_bench");
    Map<String, Object> settings = new LinkedHashMap<>();
    // durable commits, as in production (the embedded server turns them off by default)
    settings.put(
        "spring.datasource.url",
        url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Don");
    settings.put("spring.datasource.username", SharedInfra.postgres().username());
    settings.put("spring.datasource.password", SharedInfra.postgres().password());
    settings.put("spring.kafka.bootstrap-servers", kafka);
    settings.put("platform.identity.public-key", PemKeys.toPem((ECPublicKey) gateway.getPublic()));
    settings.put("server.port", "0");
    settings.put("webhook.delivery.allow-http", "true");
    settings.put("webhook.delivery.allow-loopback", "true");
    settings.put("logging.level.root", "WARN");
    settings.put("spring.main.banner-mode", "off");
    return InProcessService.start(WebhookApplication.class, settings);
  }

  private static JsonNode call(
      HttpClient http, String method, String url, String token, Object body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(InternalTokens.HEADER, token)
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + url + " -> " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The tenant claim of an internal token (its payload, unverified: we only address events). */
  private static String tenantOf(String token) {
    String payload = token.split("\\.")[1];
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
    String tenant = claims.path("tenant").asString("");
    if (tenant.isBlank()) {
      tenant = claims.path("tenantId").asString("");
    }
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("the token names no tenant: " + claims);
    }
    return tenant;
  }

  private static Map<String, String> options(String[] args) {
    return Options.parse(
        args,
        "[--endpoints N] [--events M] [--timeout-s S]"
            + " [--service URL --kafka SERVERS --token TOKEN]");
  }

  /**
   * The receiving side: verifies each delivery's Standard Webhooks signature with the secret of the
   * endpoint it was sent to, independently of the service's signer.
   */
  static final class Receiver implements AutoCloseable {

    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final AtomicLong verified = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    volatile long start;
    volatile long lastVerified;
    private final HttpServer server;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::handle);
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        String secret = secrets.get(path);
        boolean valid =
            secret != null
                && id != null
                && timestamp != null
                && signatures != null
                && verify(secret, id, timestamp, body, signatures);
        if (!valid) {
          invalid.incrementAndGet();
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        if (seen.add(path + " " + id)) {
          verified.incrementAndGet();
          lastVerified = System.nanoTime();
        } else {
          duplicates.incrementAndGet();
        }
        exchange.sendResponseHeaders(204, -1);
      }
    }

    static boolean verify(
        String secret, String id, String timestamp, byte[] body, String signatures) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(
                Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        List<String> offered = new ArrayList<>(List.of(signatures.split(" ")));
        for (String candidate : offered) {
          if (candidate.startsWith("v1,")
              && MessageDigest.isEqual(
                  expected, Base64.getDecoder().decode(candidate.substring(3)))) {
            return true;
          }
        }
        return false;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
