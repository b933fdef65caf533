package network.aioz.edge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import network.aioz.edge.store.WriteGate.WriteDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiecesHandlerTests {

  @TempDir Path root;
  private final Map<String, Long> assigned = new ConcurrentHashMap<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;
  private PieceStore store;
  private PiecesHandler handler;

  @BeforeEach
  void start() throws IOException {
    store = new PieceStore(root, 100_000);
    WriteGate gate =
        digest ->
            assigned.containsKey(digest)
                ? new WriteDecision.Allowed(assigned.get(digest))
                : new WriteDecision.Refused(403, "Forbidden", "not assigned");
    handler = new PiecesHandler(store, gate);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(PiecesHandler.PATH, handler);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
  }

  @Test
  void putThenGetAndHeadServeTheBytesWithLengthAndEtag() throws Exception {
    Pieces piece = Pieces.random(50_000, 1);
    assigned.put(piece.digest(), 50_000L);

    HttpResponse<String> put = put(piece.digest(), piece.bytes());
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("ETag")).contains('"' + piece.digest() + '"');

    HttpResponse<byte[]> get = send("GET", piece.digest(), null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(piece.bytes());
    assertThat(get.headers().firstValue("Content-Length")).contains("50000");
    assertThat(get.headers().firstValue("ETag")).contains('"' + piece.digest() + '"');
    assertThat(get.headers().firstValue("Accept-Ranges")).contains("bytes");

    HttpResponse<byte[]> head = send("HEAD", piece.digest(), null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains("50000");
    assertThat(head.body()).isEmpty();

    assertThat(put(piece.digest(), piece.bytes()).statusCode()).isEqualTo(200);
  }

  @Test
  void servesSingleByteRangesAndRefusesUnsatisfiableOnes() throws Exception {
    Pieces piece = Pieces.random(1000, 2);
    assigned.put(piece.digest(), 1000L);
    put(piece.digest(), piece.bytes());

    HttpResponse<byte[]> middle = send("GET", piece.digest(), "bytes=100-199");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(piece.bytes(), 100, 200));
    assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-199/1000");
    assertThat(middle.headers().firstValue("Content-Length")).contains("100");

    HttpResponse<byte[]> suffix = send("GET", piece.digest(), "bytes=-10");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(piece.bytes(), 990, 1000));

    HttpResponse<byte[]> headRange = send("HEAD", piece.digest(), "bytes=0-9");
    assertThat(headRange.statusCode()).isEqualTo(206);
    assertThat(headRange.headers().firstValue("Content-Length")).contains("10");

    HttpResponse<byte[]> outside = send("GET", piece.digest(), "bytes=1000-");
    assertThat(outside.statusCode()).isEqualTo(416);
    assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */1000");
  }

  @Test
  void refusesUnassignedMismatchedOversizedAndOverQuotaPieces() throws Exception {
    Pieces unassigned = Pieces.random(100, 3);
    assertThat(put(unassigned.digest(), unassigned.bytes()).statusCode()).isEqualTo(403);

    Pieces claimed = Pieces.random(100, 4);
    assigned.put(claimed.digest(), 100L);
    HttpResponse<String> mismatch = put(claimed.digest(), Pieces.random(100, 5).bytes());
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(mismatch.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(send("GET", claimed.digest(), null).statusCode()).isEqualTo(404);

    Pieces oversized = Pieces.random(300, 6);
    assigned.put(oversized.digest(), 200L);
    assertThat(put(oversized.digest(), oversized.bytes()).statusCode()).isEqualTo(413);

    Pieces huge = Pieces.random(100_001, 7);
    assigned.put(huge.digest(), 200_000L);
    assertThat(put(huge.digest(), huge.bytes()).statusCode()).isEqualTo(507);

    assertThat(store.usedBytes()).isZero();
    assertThat(store.pieceCount()).isZero();
  }

  @Test
  void refusesNewWritesWhenDrainingButStillServesReads() throws Exception {
    Pieces piece = Pieces.random(100, 8);
    assigned.put(piece.digest(), 100L);
    put(piece.digest(), piece.bytes());
    Pieces late = Pieces.random(100, 9);
    assigned.put(late.digest(), 100L);

    handler.stopAcceptingWrites();

    assertThat(put(late.digest(), late.bytes()).statusCode()).isEqualTo(503);
    assertThat(send("GET", piece.digest(), null).statusCode()).isEqualTo(200);
    assertThat(handler.awaitWritesFinished(java.time.Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void answersNotFoundForNamesThatAreNotDigests() throws Exception {
    assertThat(send("GET", "not-a-digest", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", Pieces.text("x").digest(), null).statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> put(String digest, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(digest))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> send(String method, String digest, String range) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(digest)).method(method, HttpRequest.BodyPublishers.noBody());
    if (range != null) {
      request.header("Range", range);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(String digest) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + PiecesHandler.PATH + digest);
  }
}
