package network.aioz.edge.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import network.aioz.edge.store.PieceStore;
import network.aioz.edge.support.Json;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.rfc6962.BlockTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import tools.jackson.databind.JsonNode;

class ChallengesHandlerTests {

  private static final int BLOCK = 1024;
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path root;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ECKeyPair key = ECKeyPair.create(new java.math.BigInteger("1234567890abcdef", 16));
  private final String address = Keys.toChecksumAddress(Keys.getAddress(key));
  private PieceStore store;
  private ChallengeResponder responder;
  private HttpServer server;
  private byte[] bytes;
  private String digest;

  @BeforeEach
  void start() throws Exception {
    store = new PieceStore(root, 1_000_000);
    bytes = new byte[10 * BLOCK + 300];
    new Random(7).nextBytes(bytes);
    digest = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    store.put(digest, new ByteArrayInputStream(bytes), bytes.length, bytes.length);
    responder = new ChallengeResponder(store, key, address);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(ChallengesHandler.PATH, new ChallengesHandler(responder));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
  }

  private Bytes32 platformRoot() {
    List<byte[]> blocks = new ArrayList<>();
    for (int off = 0; off < bytes.length; off += BLOCK) {
      blocks.add(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + BLOCK)));
    }
    return BlockTree.ofBlocks(blocks).root();
  }

  private static String nonce(int seed) {
    byte[] n = new byte[32];
    new Random(seed).nextBytes(n);
    return HEX.formatHex(n);
  }

  private String challenge(long index, boolean includeData, String nonce) {
    return """
        {"challengeId":"c-%d","pieceDigest":"%s","blockSize":%d,"blockIndex":%d,\
        "includeData":%s,"nonce":"%s"}"""
        .formatted(index, digest, BLOCK, index, includeData, nonce);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/challenges"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String signer(JsonNode answer, String nonce) throws Exception {
    byte[] transcript =
        ChallengeTranscript.digest(
            answer.get("challengeId").asString(),
            nonce,
            answer.get("pieceDigest").asString(),
            answer.get("blockIndex").asLong(),
            HEX.parseHex(answer.get("leafHash").asString()));
    byte[] sig = HEX.parseHex(answer.get("signature").asString().substring(2));
    Sign.SignatureData data =
        new Sign.SignatureData(
            sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64));
    return Keys.toChecksumAddress(
        Keys.getAddress(Sign.signedPrefixedMessageToKey(transcript, data)));
  }

  @Test
  void everyBlockIsAnsweredWithAPathToThePlatformsRootTheBlockAndTheNodesSignature()
      throws Exception {
    Bytes32 root = platformRoot();
    for (int index = 0; index < 11; index++) {
      String nonce = nonce(index);
      HttpResponse<String> reply = post(challenge(index, true, nonce));
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      JsonNode answer = Json.MAPPER.readTree(reply.body());
      assertThat(answer.get("blockCount").asLong()).isEqualTo(11);
      Bytes32 leaf = Bytes32.fromHex(answer.get("leafHash").asString());
      List<Bytes32> path =
          answer.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList();
      assertThat(BlockTree.verifyLeafHash(root, index, 11, leaf, path)).isTrue();
      byte[] data = Base64.getDecoder().decode(answer.get("data").asString());
      assertThat(data)
          .isEqualTo(
              Arrays.copyOfRange(
                  bytes, index * BLOCK, Math.min(bytes.length, (index + 1) * BLOCK)));
      assertThat(BlockTree.leafHash(data)).isEqualTo(leaf);
      assertThat(answer.get("nodeAddress").asString()).isEqualTo(address);
      assertThat(signer(answer, nonce)).isEqualTo(address);
      assertThat(signer(answer, nonce(99))).as("bound to the nonce").isNotEqualTo(address);
    }
    assertThat(responder.cachedTrees()).as("one tree reused for all blocks").isEqualTo(1);
  }

  @Test
  void dataIsLeftOutUnlessAskedFor() throws Exception {
    HttpResponse<String> reply = post(challenge(3, false, nonce(1)));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(reply.body()).has("data")).isFalse();
  }

  @Test
  void aPieceNotHeldIsA404Problem() throws Exception {
    HttpResponse<String> reply =
        post(challenge(0, true, nonce(1)).replace(digest, "ab".repeat(32)));
    assertThat(reply.statusCode()).isEqualTo(404);
    assertThat(reply.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void malformedChallengesAre400AndOtherMethods405() throws Exception {
    assertThat(post(challenge(11, false, nonce(1))).statusCode())
        .as("index past the end")
        .isEqualTo(400);
    assertThat(post(challenge(-1, false, nonce(1))).statusCode()).isEqualTo(400);
    assertThat(post(challenge(0, false, "xyz")).statusCode()).as("bad nonce").isEqualTo(400);
    assertThat(post(challenge(0, false, nonce(1)).replace("c-0", "c 0")).statusCode())
        .isEqualTo(400);
    assertThat(
            post(challenge(0, false, nonce(1)).replace("\"blockSize\":1024", "\"blockSize\":0"))
                .statusCode())
        .isEqualTo(400);
    assertThat(post("{not json").statusCode()).isEqualTo(400);
    assertThat(post("{}").statusCode()).isEqualTo(400);
    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/challenges"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void aBlockSizeThatWouldMakeAnOversizedTreeIsRefused() throws Exception {
    String tiny = challenge(0, false, nonce(1)).replace("\"blockSize\":1024", "\"blockSize\":1");
    byte[] big = new byte[(int) ChallengeResponder.MAX_BLOCKS + 1];
    String bigDigest = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(big));
    store.put(bigDigest, new ByteArrayInputStream(big), big.length, big.length);
    HttpResponse<String> reply = post(tiny.replace(digest, bigDigest));
    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(reply.body()).contains("blocks");
  }

  @Test
  void aPieceChangedOnDiskIsHashedAgainAndNoLongerProves() throws Exception {
    Bytes32 root = platformRoot();
    assertThat(post(challenge(2, false, nonce(1))).statusCode()).isEqualTo(200);
    Path file = store.find(digest).orElseThrow().file();
    byte[] corrupted = bytes.clone();
    corrupted[2 * BLOCK + 5] ^= 0x01;
    Files.write(file, corrupted);
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));

    JsonNode answer = Json.MAPPER.readTree(post(challenge(2, true, nonce(2))).body());
    Bytes32 leaf = Bytes32.fromHex(answer.get("leafHash").asString());
    List<Bytes32> path =
        answer.get("proof").valueStream().map(p -> Bytes32.fromHex(p.asString())).toList();
    assertThat(BlockTree.verifyLeafHash(root, 2, 11, leaf, path)).isFalse();
  }
}
