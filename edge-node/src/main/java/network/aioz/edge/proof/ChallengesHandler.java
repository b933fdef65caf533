package network.aioz.edge.proof;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import network.aioz.edge.support.HttpReplies;
import network.aioz.edge.support.Json;
import network.aioz.edge.support.Log;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /challenges}: 200 with a signed {@link ChallengeAnswer}; 404 problem when the piece
 * is not stored here; 400 problem for a malformed challenge or one outside the piece.
 */
public final class ChallengesHandler implements HttpHandler {

  public static final String PATH = "/challenges";

  /** A challenge is a few hundred bytes; anything much larger is not one. */
  private static final int MAX_BODY = 4096;

  private static final Log LOG = Log.of(ChallengesHandler.class);

  private final ChallengeResponder responder;

  public ChallengesHandler(ChallengeResponder responder) {
    this.responder = responder;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
        HttpReplies.problem(exchange, 404, "Not Found", "no such resource");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        HttpReplies.problem(exchange, 405, "Method Not Allowed", "use POST");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        HttpReplies.problem(exchange, 413, "Content Too Large", "a challenge is at most 4 KiB");
        return;
      }
      Challenge challenge;
      try {
        challenge = Json.MAPPER.readValue(body, Challenge.class);
      } catch (JacksonException e) {
        HttpReplies.problem(exchange, 400, "Bad Request", "the body is not a challenge");
        return;
      }
      if (challenge == null) {
        HttpReplies.problem(exchange, 400, "Bad Request", "the body is not a challenge");
        return;
      }
      try {
        HttpReplies.json(exchange, 200, responder.answer(challenge));
      } catch (InvalidChallengeException e) {
        HttpReplies.problem(exchange, 400, "Bad Request", e.getMessage());
      } catch (PieceNotHeldException e) {
        LOG.warn("challenged for a piece this node does not hold: " + challenge.pieceDigest());
        HttpReplies.problem(exchange, 404, "Not Found", e.getMessage());
      }
    }
  }
}
