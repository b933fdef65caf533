package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import network.aioz.storage.usage.UsageEvents;
import network.aioz.storage.usage.UsageMeter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Usage for billing: traffic and stored bytes per tenant and bucket, with deduplication ids. */
@StorageIntegrationTest
class UsageIntegrationTests {

  @LocalServerPort int port;
  @Autowired UsageMeter meter;
  @Autowired JdbcTemplate jdbc;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void trafficAndStoredBytesAreRecordedPerTenantAndBucket() {
    String bucket = "usage-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client s3 =
        S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY)) {
      s3.createBucket(b -> b.bucket(bucket));
      byte[] data = S3ObjectIntegrationTests.random(3000, 5);
      s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromBytes(data));
      s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromBytes(data));
      s3.deleteObject(b -> b.bucket(bucket).key("b"));
      s3.getObjectAsBytes(b -> b.bucket(bucket).key("a"));
      s3.getObjectAsBytes(b -> b.bucket(bucket).key("a"));
    }
    meter.flush();

    List<JsonNode> traffic = events(UsageEvents.TRAFFIC_RECORDED, bucket);
    assertThat(traffic.stream().mapToLong(t -> t.get("egressBytes").asLong()).sum())
        .isEqualTo(6000);
    assertThat(traffic.stream().mapToLong(t -> t.get("ingressBytes").asLong()).sum())
        .isEqualTo(6000);
    assertThat(traffic.stream().mapToLong(t -> t.get("classBRequests").asLong()).sum())
        .isEqualTo(2);
    assertThat(traffic.stream().mapToLong(t -> t.get("classARequests").asLong()).sum())
        .as("create bucket, two puts, one delete")
        .isEqualTo(4);
    assertThat(traffic)
        .allSatisfy(t -> assertThat(t.get("tenantId").asString()).isEqualTo("tenant-a"));
    assertThat(traffic.stream().map(t -> t.get("usageId").asString()).distinct().count())
        .isEqualTo(traffic.size());

    assertThat(
            jdbc.queryForObject(
                "select stored_bytes from usage_counter where bucket = ?", Long.class, bucket))
        .as("exact stored bytes after a delete")
        .isEqualTo(3000);
  }

  private List<JsonNode> events(String type, String bucket) {
    return jdbc
        .queryForList(
            "select payload from event_outbox where topic = ? and event_type = ?",
            byte[].class,
            UsageEvents.TOPIC,
            type)
        .stream()
        .map(p -> JSON.readTree(new String(p, StandardCharsets.UTF_8)))
        .filter(n -> bucket.equals(n.get("bucket").asString()))
        .toList();
  }
}
