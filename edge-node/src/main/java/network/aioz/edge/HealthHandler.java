package network.aioz.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import network.aioz.edge.store.PieceStore;
import network.aioz.edge.support.HttpReplies;

/** {@code GET /health}: 200 once the node is registered, 503 before that and while it drains. */
final class HealthHandler implements HttpHandler {

  static final String PATH = "/health";

  private final String address;
  private final PieceStore store;
  private final Supplier<String> state;

  /**
   * @param state "UP" when serving, anything else (STARTING, DRAINING) when not
   */
  HealthHandler(String address, PieceStore store, Supplier<String> state) {
    this.address = address;
    this.store = store;
    this.state = state;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        HttpReplies.problem(exchange, 404, "Not Found", "no such resource");
        return;
      }
      String status = state.get();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status);
      body.put("address", address);
      body.put("registered", !status.equals("STARTING"));
      body.put("usedBytes", store.usedBytes());
      body.put("quotaBytes", store.quotaBytes());
      body.put("pieces", store.pieceCount());
      HttpReplies.json(exchange, status.equals("UP") ? 200 : 503, body);
    }
  }
}
