package network.aioz.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.aioz.shared.edge.EdgeRequestSigning;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the ledger API that verifies every edge signature and records what the agent did.
 * Only the agent is under test here; the real ledger is exercised by the end-to-end tests.
 */
final class FakeLedger implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern HEARTBEATS =
      Pattern.compile("/v1/edges/(0x[0-9a-fA-F]{40})/heartbeats");
  private static final Pattern TASKS = Pattern.compile("/v1/edges/(0x[0-9a-fA-F]{40})/tasks");
  private static final Pattern TASK_ACTION =
      Pattern.compile("/v1/tasks/([0-9a-f-]+)/(start|submit|fail|release-ack)");

  /** One verified call: who signed it, what it asked and with which body. */
  record Call(String signer, String method, String path, JsonNode body) {}

  /** A task as the fake keeps it. */
  static final class FakeTask {
    final String id = UUID.randomUUID().toString();
    final String kind;
    final String node;
    final String digest;
    final long size;
    volatile String status = "ASSIGNED";
    volatile String resultDigest;
    volatile long units;
    volatile String failReason;
    volatile boolean released;
    volatile boolean releaseAcknowledged;

    FakeTask(String kind, String node, String digest, long size) {
      this.kind = kind;
      this.node = node;
      this.digest = digest;
      this.size = size;
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> signatureFailures = new CopyOnWriteArrayList<>();
  private final Map<String, FakeTask> tasks = new LinkedHashMap<>();
  private final Map<String, Long> lastSequence = new LinkedHashMap<>();
  private final AtomicInteger registrationsToRefuse = new AtomicInteger();
  volatile Integer heartbeatIntervalSeconds;

  FakeLedger() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code count} registrations get 503, as when the ledger is still starting. */
  void refuseRegistrations(int count) {
    registrationsToRefuse.set(count);
  }

  synchronized FakeTask assign(String kind, String node, String digest, long size) {
    FakeTask task = new FakeTask(kind, node, digest, size);
    tasks.put(task.id, task);
    return task;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method, String pathSuffix) {
    return calls.stream()
        .filter(c -> c.method().equals(method) && c.path().endsWith(pathSuffix))
        .toList();
  }

  List<Call> heartbeats() {
    return calls("POST", "/heartbeats");
  }

  List<String> signatureFailures() {
    return List.copyOf(signatureFailures);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String claimed = exchange.getRequestHeaders().getFirst(EdgeRequestSigning.ADDRESS_HEADER);
      String signer;
      try {
        long timestamp =
            Long.parseLong(
                exchange.getRequestHeaders().getFirst(EdgeRequestSigning.TIMESTAMP_HEADER));
        signer =
            EdgeRequestSigning.recoverAddress(
                method,
                path,
                timestamp,
                body,
                exchange.getRequestHeaders().getFirst(EdgeRequestSigning.SIGNATURE_HEADER));
      } catch (SignatureException | RuntimeException e) {
        signatureFailures.add(method + " " + path + ": " + e);
        reply(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
        return;
      }
      if (!signer.equals(claimed)) {
        signatureFailures.add(
            method + " " + path + ": signed by " + signer + ", claims " + claimed);
        reply(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
        return;
      }
      JsonNode json = body.length == 0 ? null : JSON.readTree(body);
      calls.add(new Call(signer, method, path, json));
      route(exchange, signer, method, path, json);
    }
  }

  private synchronized void route(
      HttpExchange exchange, String signer, String method, String path, JsonNode body)
      throws IOException {
    Matcher m;
    if (method.equals("POST") && path.equals("/v1/edges")) {
      if (registrationsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        reply(exchange, 503, Map.of("title", "Service Unavailable", "status", 503));
        return;
      }
      boolean known = lastSequence.containsKey(signer);
      lastSequence.putIfAbsent(signer, Long.MIN_VALUE);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("address", body.get("address").asString());
      view.put("status", "VETTING");
      if (heartbeatIntervalSeconds != null) {
        view.put("heartbeatIntervalSeconds", heartbeatIntervalSeconds);
      }
      reply(exchange, known ? 200 : 201, view);
    } else if (method.equals("POST") && (m = HEARTBEATS.matcher(path)).matches()) {
      if (!m.group(1).equals(signer) || !lastSequence.containsKey(signer)) {
        reply(exchange, 404, Map.of("title", "Not Found", "status", 404));
        return;
      }
      long sequence = body.get("sequence").asLong();
      if (sequence <= lastSequence.get(signer)) {
        reply(exchange, 409, Map.of("title", "Conflict", "status", 409));
        return;
      }
      lastSequence.put(signer, sequence);
      Map<String, Object> ack = new LinkedHashMap<>();
      ack.put("status", "ACTIVE");
      if (heartbeatIntervalSeconds != null) {
        ack.put("heartbeatIntervalSeconds", heartbeatIntervalSeconds);
      }
      reply(exchange, 200, ack);
    } else if (method.equals("GET") && (m = TASKS.matcher(path)).matches()) {
      List<Map<String, Object>> open = new ArrayList<>();
      for (FakeTask task : tasks.values()) {
        if (task.node.equals(signer)
            && (task.status.equals("ASSIGNED") || task.status.equals("RUNNING"))) {
          Map<String, Object> view = new LinkedHashMap<>();
          view.put("id", task.id);
          view.put("kind", task.kind);
          view.put("status", task.status);
          view.put("objectId", "obj-1");
          view.put("pieceIndex", 0);
          view.put("contentDigest", task.digest);
          view.put("sizeBytes", task.size);
          view.put("payload", Map.of());
          open.add(view);
        }
      }
      List<Map<String, Object>> releases = new ArrayList<>();
      for (FakeTask task : tasks.values()) {
        if (task.node.equals(signer) && task.released && !task.releaseAcknowledged) {
          releases.add(Map.of("taskId", task.id, "contentDigest", task.digest, "keepPiece", false));
        }
      }
      reply(exchange, 200, Map.of("tasks", open, "releases", releases));
    } else if (method.equals("POST") && (m = TASK_ACTION.matcher(path)).matches()) {
      FakeTask task = tasks.get(m.group(1));
      if (task == null) {
        reply(exchange, 404, Map.of("title", "Not Found", "status", 404));
        return;
      }
      if (!task.node.equals(signer)) {
        reply(exchange, 403, Map.of("title", "Forbidden", "status", 403));
        return;
      }
      String action = m.group(2);
      if (action.equals("release-ack")) {
        if (!task.released || task.releaseAcknowledged) {
          reply(exchange, 409, Map.of("title", "Conflict", "status", 409));
          return;
        }
        task.releaseAcknowledged = true;
        reply(exchange, 200, Map.of("taskId", task.id, "status", "RELEASED"));
        return;
      }
      boolean legal =
          switch (action) {
            case "start" -> task.status.equals("ASSIGNED");
            case "submit" -> task.status.equals("RUNNING");
            default -> task.status.equals("ASSIGNED") || task.status.equals("RUNNING");
          };
      if (!legal) {
        reply(exchange, 409, Map.of("title", "Conflict", "status", 409));
        return;
      }
      switch (action) {
        case "start" -> task.status = "RUNNING";
        case "submit" -> {
          task.status = "SUBMITTED";
          task.resultDigest = body.get("resultDigest").asString();
          task.units = body.get("units").asLong();
        }
        default -> {
          task.status = "FAILED";
          task.failReason = body.get("reason").asString();
        }
      }
      reply(exchange, 200, Map.of("id", task.id, "status", task.status));
    } else {
      reply(exchange, 404, Map.of("title", "Not Found", "status", 404));
    }
  }

  private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
