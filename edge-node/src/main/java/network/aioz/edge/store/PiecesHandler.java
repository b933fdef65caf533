package network.aioz.edge.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import network.aioz.edge.store.PieceStore.Piece;
import network.aioz.edge.store.WriteGate.WriteDecision;
import network.aioz.edge.support.HttpReplies;
import network.aioz.edge.support.Log;

/**
 * {@code /pieces/{sha256}}: PUT stores a piece the gate admits; GET and HEAD serve it, with single
 * byte ranges. There is no public DELETE: pieces leave only through repair and garbage collection.
 */
public final class PiecesHandler implements HttpHandler {

  public static final String PATH = "/pieces/";
  private static final Log LOG = Log.of(PiecesHandler.class);

  private final PieceStore store;
  private final WriteGate gate;
  private final ReentrantLock writes = new ReentrantLock();
  private final Condition idle = writes.newCondition();
  private int writesInFlight;
  private boolean draining;

  public PiecesHandler(PieceStore store, WriteGate gate) {
    this.store = store;
    this.gate = gate;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String digest = exchange.getRequestURI().getRawPath().substring(PATH.length());
      if (!PieceStore.isDigest(digest)) {
        HttpReplies.problem(
            exchange, 404, "Not Found", "pieces are named by their lower-case hex SHA-256");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "GET", "HEAD" -> serve(exchange, digest);
        case "PUT" -> write(exchange, digest);
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD, PUT");
          HttpReplies.problem(exchange, 405, "Method Not Allowed", "use GET, HEAD or PUT");
        }
      }
    }
  }

  /** Refuses new writes from now on; reads go on until the server stops. */
  public void stopAcceptingWrites() {
    writes.lock();
    try {
      draining = true;
    } finally {
      writes.unlock();
    }
  }

  /** Waits, at most {@code timeout}, for writes already accepted to finish. */
  public boolean awaitWritesFinished(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    writes.lock();
    try {
      while (writesInFlight > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      writes.unlock();
    }
  }

  private void write(HttpExchange exchange, String digest) throws IOException {
    if (!enterWrite()) {
      HttpReplies.problem(
          exchange,
          503,
          "Service Unavailable",
          "the node is shutting down and takes no new pieces");
      return;
    }
    try {
      WriteDecision decision = gate.check(digest);
      if (decision instanceof WriteDecision.Refused refused) {
        HttpReplies.problem(exchange, refused.status(), refused.title(), refused.detail());
        return;
      }
      long maxBytes = ((WriteDecision.Allowed) decision).maxBytes();
      long declared = declaredLength(exchange);
      PieceStore.PutOutcome outcome;
      try (InputStream body = exchange.getRequestBody()) {
        outcome = store.put(digest, body, declared, maxBytes);
      } catch (QuotaExceededException e) {
        HttpReplies.problem(exchange, 507, "Insufficient Storage", e.getMessage());
        return;
      } catch (PieceTooLargeException e) {
        HttpReplies.problem(exchange, 413, "Content Too Large", e.getMessage());
        return;
      } catch (DigestMismatchException e) {
        HttpReplies.problem(exchange, 400, "Digest Mismatch", e.getMessage());
        return;
      }
      if (outcome == PieceStore.PutOutcome.CREATED) {
        LOG.info("stored piece " + digest);
      }
      gate.stored(digest);
      exchange.getResponseHeaders().set("ETag", etag(digest));
      long size = store.find(digest).map(Piece::sizeBytes).orElse(0L);
      HttpReplies.json(
          exchange,
          outcome == PieceStore.PutOutcome.CREATED ? 201 : 200,
          Map.of("digest", digest, "sizeBytes", size));
    } finally {
      exitWrite();
    }
  }

  private void serve(HttpExchange exchange, String digest) throws IOException {
    Optional<Piece> found = store.find(digest);
    if (found.isEmpty()) {
      HttpReplies.problem(exchange, 404, "Not Found", "no piece " + digest + " on this node");
      return;
    }
    Piece piece = found.get();
    var headers = exchange.getResponseHeaders();
    headers.set("Accept-Ranges", "bytes");
    headers.set("ETag", etag(digest));
    // content-addressed bytes never change under their name
    headers.set("Cache-Control", "public, max-age=31536000, immutable");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), piece.sizeBytes());
    } catch (ByteRange.Unsatisfiable e) {
      headers.set("Content-Range", "bytes */" + piece.sizeBytes());
      HttpReplies.problem(
          exchange, 416, "Range Not Satisfiable", "the piece has " + piece.sizeBytes() + " bytes");
      return;
    }
    long first = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(piece.sizeBytes());
    int status = range.isPresent() ? 206 : 200;
    range.ifPresent(r -> headers.set("Content-Range", r.contentRange(piece.sizeBytes())));
    headers.set("Content-Type", "application/octet-stream");
    if (exchange.getRequestMethod().equals("HEAD")) {
      // the JDK server accepts an explicit Content-Length on HEAD, never one passed as length
      headers.set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    try (FileChannel file = FileChannel.open(piece.file(), StandardOpenOption.READ)) {
      // a zero length would make the JDK server send a chunked body
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
      if (length == 0) {
        return;
      }
      try (InputStream in = Channels.newInputStream(file.position(first));
          OutputStream out = exchange.getResponseBody()) {
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (n == -1) {
            break;
          }
          out.write(buffer, 0, n);
          remaining -= n;
        }
      }
    }
  }

  private boolean enterWrite() {
    writes.lock();
    try {
      if (draining) {
        return false;
      }
      writesInFlight++;
      return true;
    } finally {
      writes.unlock();
    }
  }

  private void exitWrite() {
    writes.lock();
    try {
      writesInFlight--;
      idle.signalAll();
    } finally {
      writes.unlock();
    }
  }

  private static long declaredLength(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String etag(String digest) {
    return '"' + digest + '"';
  }
}
