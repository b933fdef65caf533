package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import network.aioz.edge.EdgeNode;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults on real edges: a corrupted piece is detected by the read that meets it and rebuilt
 * elsewhere; reads survive four of sixteen edges stopped; a node that stays offline gets its pieces
 * re-placed, and drops its old copies when it returns.
 */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  S3Client s3;
  String bucket;

  @BeforeAll
  void client() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    bucket = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  void close() {
    s3.close();
  }

  private byte[] put(String key, int size, long seed) {
    byte[] data = S3ObjectIntegrationTests.random(size, seed);
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    return data;
  }

  private byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  private String blobOf(String key) {
    return jdbc.queryForObject(
        "select p.blob_id::text from object_version v join object_part p on p.object_id = v.id"
            + " where v.bucket = ? and v.key = ? and v.is_latest",
        String.class,
        bucket,
        key);
  }

  /** Every segment of the blob has all its pieces stored, on distinct nodes. */
  private boolean whole(String blob) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select s.idx, count(p.id) as stored, count(distinct p.node_address) as nodes"
                + " from segment s left join piece p on p.blob_id = s.blob_id"
                + " and p.segment_idx = s.idx and p.state = 'stored'"
                + " where s.blob_id = ?::uuid group by s.idx",
            blob);
    return !rows.isEmpty()
        && rows.stream()
            .allMatch(
                r ->
                    ((Number) r.get("stored")).intValue() == 14
                        && ((Number) r.get("nodes")).intValue() == 14);
  }

  @Test
  void aCorruptedPieceIsCaughtOnReadAndRebuiltElsewhere() throws Exception {
    byte[] data = put("corrupt-me", 2 * 1024 * 1024 + 77, 11);
    String blob = blobOf("corrupt-me");
    Map<String, Object> victim =
        jdbc.queryForMap(
            "select id::text as id, node_address, digest from piece where blob_id = ?::uuid"
                + " and segment_idx = 0 and piece_idx = 0 and state = 'stored'",
            blob);
    String node = (String) victim.get("node_address");
    String digest = (String) victim.get("digest");
    EdgeNode holder = StorageCluster.edge(node);
    Path file = holder.dataDir().resolve("pieces").resolve(digest.substring(0, 2)).resolve(digest);
    assertThat(Files.exists(file)).isTrue();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(100);
      raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    // a read asks for the data pieces first, but one slow to arrive (a busy machine) is hedged past
    // and the read ends without having met it: read until one does
    Awaitility.await("a read meets the corrupt piece")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(get("corrupt-me"))
                  .as("the read routes around the corrupt piece")
                  .isEqualTo(data);
              return !"stored"
                  .equals(
                      jdbc.queryForObject(
                          "select state from piece where id = ?::uuid",
                          String.class,
                          victim.get("id")));
            });

    try {
      // a failed attempt (no free node yet, an upload timing out) is retried after 2, 4, 8... s
      Awaitility.await("slot 0 rebuilt")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  jdbc.queryForObject(
                          "select count(*) from piece where blob_id = ?::uuid and segment_idx = 0"
                              + " and piece_idx = 0 and state = 'stored' and id <> ?::uuid",
                          Integer.class,
                          blob,
                          victim.get("id"))
                      == 1);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "repair queue "
              + jdbc.queryForList("select * from repair_queue where blob_id = ?::uuid", blob)
              + ", slot 0 "
              + jdbc.queryForList(
                  "select node_address, state, updated_at from piece where blob_id = ?::uuid"
                      + " and segment_idx = 0 and piece_idx = 0",
                  blob),
          e);
    }
    assertThat(whole(blob)).isTrue();
    assertThat(
            jdbc.queryForObject(
                "select state from piece where id = ?::uuid", String.class, victim.get("id")))
        .isIn("missing", "released");
    assertThat(get("corrupt-me")).isEqualTo(data);
  }

  @Test
  void readsSurviveFourStoppedEdges() {
    byte[] data = put("survivor", 3 * 1024 * 1024 + 5, 12);
    List<EdgeNode> stopped = new ArrayList<>(StorageCluster.edges().subList(0, 4));
    List<String> addresses = new ArrayList<>();
    try {
      stopped.forEach(e -> addresses.add(StorageCluster.stop(e)));
      for (int i = 0; i < 3; i++) {
        assertThat(get("survivor")).isEqualTo(data);
      }
      byte[] range =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key("survivor").range("bytes=1500000-1600000"))
              .asByteArray();
      assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(data, 1500000, 1600001));
    } finally {
      addresses.forEach(StorageCluster::restart);
    }
  }

  @Test
  void aNodeThatStaysOfflineHasItsPiecesReplacedAndDropsThemWhenBack() {
    byte[] data = put("moving", 1024 * 1024 + 3, 13);
    String blob = blobOf("moving");
    Set<String> holders =
        new HashSet<>(
            jdbc.queryForList(
                "select lower(node_address) from piece where blob_id = ?::uuid and state = 'stored'",
                String.class,
                blob));
    EdgeNode leaving =
        StorageCluster.edges().stream()
            .filter(e -> holders.contains(e.address().toLowerCase()))
            .findFirst()
            .orElseThrow();
    String address = StorageCluster.stop(leaving);
    try {
      Awaitility.await("pieces of the offline node re-placed")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  whole(blob)
                      && jdbc.queryForObject(
                              "select count(*) from piece where blob_id = ?::uuid"
                                  + " and lower(node_address) = lower(?) and state = 'stored'",
                              Integer.class,
                              blob,
                              address)
                          == 0);
      assertThat(get("moving")).isEqualTo(data);
    } finally {
      EdgeNode back = StorageCluster.restart(address);
      String digest =
          jdbc.queryForObject(
              "select digest from piece where blob_id = ?::uuid and lower(node_address) = lower(?)"
                  + " limit 1",
              String.class,
              blob,
              address);
      Path file = back.dataDir().resolve("pieces").resolve(digest.substring(0, 2)).resolve(digest);
      Awaitility.await("the returning node drops its released copy")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !Files.exists(file));
    }
  }
}
