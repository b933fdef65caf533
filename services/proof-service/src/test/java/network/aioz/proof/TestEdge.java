package network.aioz.proof;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;
import network.aioz.edge.proof.ChallengeResponder;
import network.aioz.edge.proof.ChallengesHandler;
import network.aioz.edge.store.PieceStore;
import network.aioz.shared.edge.EdgeKeys;
import org.web3j.crypto.ECKeyPair;

/**
 * An edge as the proof service meets it: a JDK HTTP server answering {@code /challenges} with the
 * real agent's responder over real piece files, which a test can corrupt, delete, slow down or
 * switch off.
 */
final class TestEdge implements AutoCloseable {

  final ECKeyPair key = EdgeKeys.generate();
  final String address = EdgeKeys.address(key);
  private final PieceStore store;
  private final HttpServer server;
  private volatile Duration delay = Duration.ZERO;

  TestEdge(Path dataDir) {
    store = new PieceStore(dataDir.resolve("pieces"), 1L << 30);
    HttpHandler real = new ChallengesHandler(new ChallengeResponder(store, key, address));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        ChallengesHandler.PATH,
        exchange -> {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          real.handle(exchange);
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A piece of random bytes, stored on this edge. */
  Piece store(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    String digest;
    try {
      digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      store.put(digest, new ByteArrayInputStream(bytes), size, size);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Piece(bytes, digest);
  }

  /** Flips one bit in every block of the stored piece, as bit rot or a careless operator would. */
  void corrupt(Piece piece, int blockSize) throws IOException {
    Path file = file(piece);
    byte[] bytes = Files.readAllBytes(file);
    for (int off = 0; off < bytes.length; off += blockSize) {
      bytes[off] ^= 0x01;
    }
    Files.write(file, bytes);
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
  }

  void delete(Piece piece) throws IOException {
    Files.delete(file(piece));
  }

  void slowDownBy(Duration delay) {
    this.delay = delay;
  }

  private Path file(Piece piece) {
    return store.find(piece.digest()).orElseThrow().file();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  record Piece(byte[] bytes, String digest) {}
}
