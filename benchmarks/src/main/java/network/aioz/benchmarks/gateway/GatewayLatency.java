package network.aioz.benchmarks.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latency the gateway adds: the same cheap authenticated read ({@code GET /v1/tenants/me} on
 * identity-service) at a constant arrival rate, once straight to the service with an internal
 * identity token minted from the stack's development key, once through the gateway with the dev
 * tenant's API key, each after its own warm-up, back to back ({@code --rounds} alternates them
 * several times). Latencies are measured open-loop from each request's due time.
 *
 * <p>Usage: {@code GatewayLatency --stack <local-stack data dir> [--rate 1000] [--seconds 30]
 * [--warmup 10] [--rounds 1] [--client socket|jdk] [--connections 32] [--client-floor]}
 *
 * <p>{@code --client-floor} instead measures both clients against a local server that answers at
 * once, to see how much latency the driver itself adds.
 *
 * <p>The gateway's default rate limits (200/s per tenant) would answer most requests 429: start the
 * stack with {@code GATEWAY_RATE_TENANT_PER_SECOND}, {@code _CAPACITY} and the {@code KEY} pair
 * raised (see the README).
 */
public final class GatewayLatency {

  static final double TARGET_ADDED_P99_MILLIS = 2.0;
  private static final String PATH = "/v1/tenants/me";

  private GatewayLatency() {}

  public static void main(String[] rawArgs) throws Exception {
    List<String> args = new ArrayList<>();
    for (String a : rawArgs) {
      args.addAll(List.of(a.trim().split("\\s+")));
    }
    Path stack = Path.of(option(args, "--stack", ".local-stack"));
    double rate = Double.parseDouble(option(args, "--rate", "1000"));
    double seconds = Double.parseDouble(option(args, "--seconds", "30"));
    double warmup = Double.parseDouble(option(args, "--warmup", "10"));
    int rounds = Integer.parseInt(option(args, "--rounds", "1"));
    String clientKind = option(args, "--client", "socket");
    int connections = Integer.parseInt(option(args, "--connections", "32"));

    if (args.contains("--client-floor")) {
      measureClientFloor(rate, warmup, seconds, connections);
      return;
    }

    JsonNode endpoints =
        JsonMapper.builder().build().readTree(stack.resolve("endpoints.json").toFile());
    JsonNode credentials = endpoints.get("credentials");
    JsonNode tenant = credentials.get("tenants").get(0);
    String identityUrl = endpoints.at("/services/identity-service").asString();
    String gatewayUrl = endpoints.get("gateway").asString();

    InternalTokenIssuer issuer =
        new InternalTokenIssuer(
            PemKeys.privateKey(credentials.get("internalTokenPrivateKeyPem").asString()),
            credentials.get("internalTokenIssuer").asString(InternalTokens.DEFAULT_ISSUER),
            Duration.ofSeconds(InternalTokens.MAX_LIFETIME_SECONDS),
            Clock.systemUTC());
    Supplier<String> token =
        new RefreshingToken(
            () ->
                issuer.issue(
                    tenant.get("walletAddress").asString(),
                    tenant.get("tenantId").asString(),
                    Set.of("identity:read"),
                    "api-key"));
    Target direct =
        new Target("direct", URI.create(identityUrl + PATH), InternalTokens.HEADER, token);
    String apiKey = tenant.get("apiKey").asString();
    Target gateway =
        new Target("gateway", URI.create(gatewayUrl + PATH), "X-API-Key", () -> apiKey);

    System.out.printf(
        Locale.ROOT,
        "GET %s at %.0f req/s, %.0f s warm-up + %.0f s measured per run, %d round(s), %s client, %d connections%n",
        PATH,
        rate,
        warmup,
        seconds,
        rounds,
        clientKind,
        connections);
    System.out.println("load average before: " + loadAverage());
    probe(direct);
    probe(gateway);

    OpenLoopRun run = new OpenLoopRun(rate, warmup, seconds, 5, System.out);
    List<OpenLoopRun.Result> directRuns = new ArrayList<>();
    List<OpenLoopRun.Result> gatewayRuns = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (Target target : List.of(direct, gateway)) {
        try (LoadClient client = LoadClient.create(clientKind, target, connections)) {
          OpenLoopRun.Result result = run.run(target.label(), client);
          System.out.println(
              "  "
                  + target.label()
                  + ": "
                  + line(result.summary())
                  + ", most in flight "
                  + result.maxInFlight());
          if (!result.failures().isEmpty()) {
            System.out.println("  " + target.label() + " failures: " + result.failures());
          }
          (target == direct ? directRuns : gatewayRuns).add(result);
        }
      }
    }
    System.out.println("load average after: " + loadAverage());

    LatencySummary d = merge(directRuns);
    LatencySummary g = merge(gatewayRuns);
    System.out.println();
    List<String> saturated = new ArrayList<>();
    if (directRuns.stream().anyMatch(r -> r.saturated(rate))) {
      saturated.add("direct");
    }
    if (gatewayRuns.stream().anyMatch(r -> r.saturated(rate))) {
      saturated.add("gateway");
    }
    System.out.println(table(d, g, saturated));
    if (d.errors() + g.errors() > 0) {
      System.out.println(
          "requests failed (see the failures above; HTTP 429 from the gateway: its rate limits are"
              + " below --rate, see the README)");
      System.exit(1);
    }
  }

  private static void measureClientFloor(
      double rate, double warmup, double seconds, int connections) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "client floor: a local server that answers at once, %.0f req/s, %.0f s warm-up + %.0f s%n",
        rate,
        warmup,
        seconds);
    System.out.println("load average before: " + loadAverage());
    OpenLoopRun run = new OpenLoopRun(rate, warmup, seconds, 5, System.out);
    try (ClientFloor floor = new ClientFloor()) {
      for (String kind : List.of("socket", "jdk")) {
        try (LoadClient client = LoadClient.create(kind, floor.target(), connections)) {
          System.out.println("  " + kind + ": " + line(run.run(kind, client).summary()));
        }
      }
    }
    System.out.println("load average after: " + loadAverage());
  }

  /**
   * @param saturated the runs that fell behind the schedule by more than half a second; their
   *     percentiles measure a backlog, so no verdict is given
   */
  static String table(LatencySummary direct, LatencySummary gateway, List<String> saturated) {
    StringBuilder t = new StringBuilder();
    t.append("| figure | direct | gateway | added |\n|---|---|---|---|\n");
    row(t, "p50", direct.p50Nanos(), gateway.p50Nanos());
    row(t, "p90", direct.p90Nanos(), gateway.p90Nanos());
    row(t, "p99", direct.p99Nanos(), gateway.p99Nanos());
    row(t, "p99.9", direct.p999Nanos(), gateway.p999Nanos());
    row(t, "max", direct.maxNanos(), gateway.maxNanos());
    t.append(
        String.format(
            Locale.ROOT,
            "| achieved rate | %,.0f /s | %,.0f /s | |%n| errors | %d of %d | %d of %d | |%n",
            direct.achievedPerSecond(),
            gateway.achievedPerSecond(),
            direct.errors(),
            direct.ok() + direct.errors(),
            gateway.errors(),
            gateway.ok() + gateway.errors()));
    double addedP50 = millis(gateway.p50Nanos() - direct.p50Nanos());
    double addedP99 = millis(gateway.p99Nanos() - direct.p99Nanos());
    t.append(
        String.format(
            Locale.ROOT,
            "%nadded p50 %.3f ms, added p99 %.3f ms (target <= %.1f ms at p99): %s",
            addedP50,
            addedP99,
            TARGET_ADDED_P99_MILLIS,
            !saturated.isEmpty()
                ? "not measured: "
                    + String.join(" and ", saturated)
                    + " fell behind the rate by more than 0.5 s (the stack is saturated; try a lower"
                    + " --rate)"
                : addedP99 <= TARGET_ADDED_P99_MILLIS ? "met" : "NOT met"));
    return t.toString();
  }

  private static void row(StringBuilder t, String name, long direct, long gateway) {
    t.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f ms | %.3f ms | %+.3f ms |%n",
            name,
            millis(direct),
            millis(gateway),
            millis(gateway - direct)));
  }

  private static String line(LatencySummary s) {
    return String.format(
        Locale.ROOT,
        "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms, %,.0f /s, %d errors",
        millis(s.p50Nanos()),
        millis(s.p90Nanos()),
        millis(s.p99Nanos()),
        millis(s.p999Nanos()),
        millis(s.maxNanos()),
        s.achievedPerSecond(),
        s.errors());
  }

  /** All rounds of one target as one distribution; the rate is the mean of the rounds'. */
  static LatencySummary merge(List<OpenLoopRun.Result> results) {
    long[] all = results.stream().flatMapToLong(r -> LongStream.of(r.latencies())).toArray();
    long window = results.stream().mapToLong(OpenLoopRun.Result::windowNanos).sum();
    return LatencySummary.of(all, window);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** One request first, so a wrong key or a missing service fails before the load starts. */
  private static void probe(Target target) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(target.uri())
                  .header(target.headerName(), target.headerValue().get())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      System.out.printf(
          "%-8s %s -> %d%s%n",
          target.label(),
          target.uri(),
          response.statusCode(),
          response
              .headers()
              .firstValue("RateLimit-Policy")
              .map(p -> ", RateLimit-Policy: " + p)
              .orElse(""));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(target.label() + " answered " + response.body());
      }
    }
  }

  private static String loadAverage() {
    try {
      return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" "))
          .limit(3)
          .reduce((a, b) -> a + " " + b)
          .orElse("?");
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }

  /** Mints a new internal token once the current one is half-way through its five minutes. */
  static final class RefreshingToken implements Supplier<String> {
    private static final long REFRESH_NANOS =
        InternalTokens.MAX_LIFETIME_SECONDS / 2 * 1_000_000_000L;
    private final Supplier<String> mint;
    private final AtomicReference<Minted> current = new AtomicReference<>();

    private record Minted(String token, long at) {}

    RefreshingToken(Supplier<String> mint) {
      this.mint = mint;
    }

    @Override
    public String get() {
      Minted minted = current.get();
      long now = System.nanoTime();
      if (minted == null || now - minted.at() > REFRESH_NANOS) {
        minted = new Minted(mint.get(), now);
        current.set(minted);
      }
      return minted.token();
    }
  }
}
