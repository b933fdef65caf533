package network.aioz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import network.aioz.localstack.Endpoints;
import network.aioz.localstack.LocalStack;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.PemKeys;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults on the whole local stack, through the gateway: reads survive 4 of 14 edges stopped; a
 * piece corrupted on an edge's disk fails its next challenge and repair restores full redundancy; a
 * node that stays offline has its pieces re-placed and drops its old copies when it returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageFaultsEndToEndTests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private LocalStack stack;
  private Endpoints endpoints;
  private S3Client s3;
  private final String bucket = "faults-" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * rs-4-2: six pieces on six of the fourteen nodes, so a lost node's pieces have somewhere to go.
   */
  private final String narrow = "narrow-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void start() {
    stack = E2eStack.get();
    endpoints = stack.endpoints();
    Endpoints.S3 s3Endpoint = endpoints.credentials().s3();
    Endpoints.S3Key key = s3Endpoint.keys().getFirst();
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create(s3Endpoint.endpoint()))
            .region(Region.of(s3Endpoint.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .forcePathStyle(true)
            .build();
    s3.createBucket(b -> b.bucket(bucket));
    s3.createBucket(
        b ->
            b.bucket(narrow)
                .overrideConfiguration(o -> o.putHeader("x-aioz-redundancy", "rs-4-2")));
  }

  @AfterAll
  void close() {
    s3.close();
  }

  private byte[] put(String key, int size, long seed) {
    return put(bucket, key, size, seed);
  }

  private byte[] put(String in, String key, int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    s3.putObject(b -> b.bucket(in).key(key), RequestBody.fromBytes(data));
    return data;
  }

  private byte[] get(String key) {
    return get(bucket, key);
  }

  private byte[] get(String in, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(in).key(key)).asByteArray();
  }

  @Test
  @Order(1)
  void readsSurviveFourOfFourteenEdgesStopped() {
    byte[] a = put("a.bin", 3 * 1024 * 1024 + 11, 1);
    byte[] b = put("b.bin", 700_000, 2);
    List<String> stopped =
        endpoints.edges().subList(0, 4).stream().map(Endpoints.Edge::name).toList();
    try {
      stopped.forEach(stack::stopEdge);
      for (int round = 0; round < 3; round++) {
        assertThat(get("a.bin")).isEqualTo(a);
        assertThat(get("b.bin")).isEqualTo(b);
      }
    } finally {
      stopped.forEach(stack::startEdge);
    }
  }

  @Test
  @Order(2)
  void aCorruptedPieceFailsItsChallengeAndIsRepaired() throws Exception {
    byte[] data = put("corrupt.bin", 2 * 1024 * 1024, 3);
    Piece victim = pieces("corrupt.bin").getFirst();
    Path file = pieceFile(victim);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      for (long at = 0; at < raf.length(); at += 4096) {
        raf.seek(at);
        raf.write(0x5A);
      }
    }
    // forcing a challenge is an operator's call with a platform token, straight to proof-service:
    // the
    // gateway drops any identity header a client sends
    String proofService = endpoints.services().get("proof-service");
    Awaitility.await("the proof service knows the piece")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                HTTP.send(
                            HttpRequest.newBuilder(
                                    URI.create(proofService + "/v1/proofs/pieces/" + victim.id()))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
    HttpResponse<String> challenged =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        proofService
                            + "/v1/proofs/pieces/"
                            + victim.id()
                            + "/challenge?includeData=true"))
                .header("X-Platform-Identity", token("proof:write"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // the challenge cycle may already have caught it (the first challenge follows the upload within
    // seconds): then the piece is released and the forced challenge is refused with 409
    if (challenged.statusCode() == 200) {
      assertThat(challenged.body()).contains("\"FAILED\"");
    } else {
      assertThat(challenged.statusCode()).as(challenged.body()).isEqualTo(409);
    }

    try {
      Awaitility.await("the slot rebuilt, full redundancy again")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                List<Piece> now = pieces("corrupt.bin");
                // with 14 edges every node holds a piece of the segment: the rebuilt piece may go
                // back to the node whose copy rotted, which then replaces it
                return now.size() == 14 && now.stream().noneMatch(p -> p.id().equals(victim.id()));
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("victim " + victim + ", stored now " + pieces("corrupt.bin"), e);
    }
    assertThat(get("corrupt.bin")).isEqualTo(data);
    Piece rebuilt =
        pieces("corrupt.bin").stream()
            .filter(p -> p.slot() == victim.slot())
            .findFirst()
            .orElseThrow();
    assertThat(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(pieceFile(rebuilt))))
        .as("the piece on disk is whole again")
        .isEqualTo(java.util.HexFormat.of().parseHex(rebuilt.digest()));
  }

  @Test
  @Order(3)
  void aNodeThatStaysOfflineHasItsPiecesReplaced() throws Exception {
    byte[] data = put(narrow, "offline.bin", 1024 * 1024 + 5, 4);
    Piece held = pieces(narrow, "offline.bin").getFirst();
    String edge = edgeName(held.node());
    Path file = pieceFile(held);
    stack.stopEdge(edge);
    try {
      Awaitility.await("pieces of the offline node re-placed")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                List<Piece> now = pieces(narrow, "offline.bin");
                return now.size() == 6
                    && now.stream().noneMatch(p -> p.node().equalsIgnoreCase(held.node()));
              });
      assertThat(get(narrow, "offline.bin")).isEqualTo(data);
    } finally {
      stack.startEdge(edge);
    }
    Awaitility.await("the returning node drops its released copy")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> !Files.exists(file));
  }

  /** A stored piece of an object's first segment. */
  record Piece(String id, int slot, String node, String digest) {}

  private List<Piece> pieces(String key) throws SQLException {
    return pieces(bucket, key);
  }

  private List<Piece> pieces(String in, String key) throws SQLException {
    Endpoints.Postgres pg = endpoints.postgres();
    String url = pg.databases().get("storage");
    try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
        PreparedStatement q =
            c.prepareStatement(
                "select p.id::text, p.piece_idx, p.node_address, p.digest from object_version v"
                    + " join object_part op on op.object_id = v.id"
                    + " join piece p on p.blob_id = op.blob_id and p.segment_idx = 0"
                    + " where v.bucket = ? and v.key = ? and v.is_latest and p.state = 'stored'"
                    + " order by p.piece_idx")) {
      q.setString(1, in);
      q.setString(2, key);
      List<Piece> found = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.add(new Piece(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
        }
      }
      return found;
    }
  }

  private String edgeName(String address) {
    return endpoints.edges().stream()
        .filter(e -> e.address().equalsIgnoreCase(address))
        .findFirst()
        .orElseThrow()
        .name();
  }

  private Path pieceFile(Piece piece) {
    return stack
        .edgeDataDir(edgeName(piece.node()))
        .resolve("pieces")
        .resolve(piece.digest().substring(0, 2))
        .resolve(piece.digest());
  }

  private String token(String scope) {
    ECPrivateKey key = PemKeys.privateKey(endpoints.credentials().internalTokenPrivateKeyPem());
    return new InternalTokenIssuer(
            key,
            endpoints.credentials().internalTokenIssuer(),
            Duration.ofSeconds(60),
            Clock.systemUTC())
        .issue("e2e-operator", "platform", Set.of(scope), "service");
  }
}
