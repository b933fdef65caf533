package network.aioz.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local webhook receiver (JDK HTTP server on 127.0.0.1) that records every request and answers
 * with what the test scripted per path (the last scripted answer repeats; 200 by default).
 */
public final class Receiver implements AutoCloseable {

  /** A request as received: headers with lower-case names. */
  public record Request(String path, Map<String, String> headers, byte[] body, Instant at) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer. */
  public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

    public static Answer status(int status) {
      return new Answer(status, Map.of(), "status " + status, Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> all = new TreeMap<>(headers);
      all.put(name, value);
      return new Answer(status, all, body, delay);
    }

    public Answer withBody(String body) {
      return new Answer(status, headers, body, delay);
    }

    public Answer after(Duration delay) {
      return new Answer(status, headers, body, delay);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers requests to {@code path} with these, in order; the last one repeats. */
  public void script(String path, Answer... answers) {
    scripts.put(path, new ArrayDeque<>(List.of(answers)));
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** How many TCP connections requests came on. */
  public int connections() {
    return clientPorts.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
      clientPorts.add(exchange.getRemoteAddress().getPort());
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(path, headers, body, Instant.now()));
      Answer answer = next(path);
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    }
  }

  private Answer next(String path) {
    Deque<Answer> script = scripts.get(path);
    if (script == null) {
      return Answer.status(200).withBody("ok");
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
