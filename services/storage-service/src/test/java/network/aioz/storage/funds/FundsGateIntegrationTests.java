package network.aioz.storage.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.storage.it.S3Clients;
import network.aioz.storage.it.StorageIntegrationTest;
import network.aioz.storage.it.StorageTestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The funds gate through the real S3 path with the AWS SDK (enforcement on for these tests only:
 * the shared context turns it off), and billing's events reaching storage's copy of the standing.
 */
@StorageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundsGateIntegrationTests {

  /** The tenant of {@link StorageTestInfra#ACCESS_KEY}. */
  private static final String TENANT = "tenant-a";

  @LocalServerPort int port;
  @Autowired FundsGate gate;
  @Autowired TenantStandings standings;
  @Autowired JdbcTemplate jdbc;

  private S3Client s3;
  private KafkaProducer<String, byte[]> producer;
  private boolean enforcedBefore;

  @BeforeAll
  void clients() {
    s3 = S3Clients.aws(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
    producer = SharedInfra.eventProducer();
  }

  @AfterAll
  void close() {
    s3.close();
    producer.close();
  }

  @BeforeEach
  void enforce() {
    enforcedBefore = gate.enforcing();
    gate.enforce(true);
  }

  @AfterEach
  void restore() {
    gate.enforce(enforcedBefore);
  }

  @Test
  void newWorkIsRefusedWith402WhileRunningWorkDrains() throws Exception {
    String bucket = "funds-" + UUID.randomUUID().toString().substring(0, 8);
    standings.record(TENANT, true, Instant.now());
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(b -> b.bucket(bucket).key("kept.txt"), RequestBody.fromString("kept"));
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp.bin")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket(bucket).key("mp.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("one part"))
            .eTag();

    standings.record(TENANT, false, Instant.now());

    S3Exception put =
        refused(
            () -> s3.putObject(b -> b.bucket(bucket).key("new.txt"), RequestBody.fromString("x")));
    assertThat(put.awsErrorDetails().errorMessage()).contains("Top up your account's balance");
    // the wire: an S3 XML error with the request id of its header, as every other refusal
    HttpResponse<String> raw = presignedPut(bucket, "raw.txt");
    assertThat(raw.statusCode()).isEqualTo(402);
    assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("xml"));
    assertThat(raw.body())
        .contains("<Code>PaymentRequired</Code>")
        .contains("Top up your account's balance")
        .contains(
            "<RequestId>"
                + raw.headers().firstValue("x-amz-request-id").orElseThrow()
                + "</RequestId>");
    refused(
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(bucket)
                        .sourceKey("kept.txt")
                        .destinationBucket(bucket)
                        .destinationKey("copy.txt")));
    refused(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("other.bin")));
    refused(
        () ->
            s3.uploadPart(
                b -> b.bucket(bucket).key("mp.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("two")));
    refused(
        () ->
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket(bucket)
                        .sourceKey("kept.txt")
                        .destinationBucket(bucket)
                        .destinationKey("mp.bin")
                        .uploadId(uploadId)
                        .partNumber(3)));
    // nothing refused was stored
    assertThat(keys(bucket)).containsExactly("kept.txt");

    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("kept.txt")).asUtf8String())
        .isEqualTo("kept");
    s3.putObjectTagging(
        b ->
            b.bucket(bucket)
                .key("kept.txt")
                .tagging(t -> t.tagSet(s -> s.key("state").value("draining"))));
    s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key("mp.bin")
                .uploadId(uploadId)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp.bin")).asUtf8String())
        .isEqualTo("one part");
    s3.deleteObject(b -> b.bucket(bucket).key("kept.txt"));
    assertThat(keys(bucket)).containsExactly("mp.bin");

    standings.record(TENANT, true, Instant.now());
    s3.putObject(b -> b.bucket(bucket).key("new.txt"), RequestBody.fromString("x"));
    assertThat(keys(bucket)).containsExactly("mp.bin", "new.txt");
  }

  /** What the local stack polls to know storage has seen its tenants funded. */
  @Test
  void aPutIntoNoBucketAnswers402UntilFundedThenNoSuchBucket() {
    String missing = "funds-probe-" + UUID.randomUUID().toString().substring(0, 12);
    standings.record(TENANT, false, Instant.now());
    refused(() -> s3.putObject(b -> b.bucket(missing).key("probe"), RequestBody.empty()));
    standings.record(TENANT, true, Instant.now());
    S3Exception missingBucket =
        catchThrowableOfType(
            S3Exception.class,
            () -> s3.putObject(b -> b.bucket(missing).key("probe"), RequestBody.empty()));
    assertThat(missingBucket.statusCode()).isEqualTo(404);
    assertThat(missingBucket.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
  }

  @Test
  void aTenantBillingNeverAnnouncedIsNotFundedUnlessEnforcementIsOff() {
    String tenant = "never-announced-" + UUID.randomUUID();
    assertThat(standings.funded(tenant)).isFalse();
    assertThat(
            catchThrowableOfType(
                network.aioz.storage.support.S3Exception.class, () -> gate.requireFunded(tenant)))
        .extracting(e -> e.code().status())
        .isEqualTo(402);
    gate.enforce(false);
    gate.requireFunded(tenant);
  }

  @Test
  void billingEventsReachTheTableAndOlderOnesChangeNothing() {
    String tenant = "funds-" + UUID.randomUUID();
    Instant t0 = Instant.now();

    publish(tenant, FundsEvents.RESTORED, t0, "1000");
    await().atMost(Duration.ofSeconds(20)).until(() -> standings.funded(tenant));

    publish(tenant, FundsEvents.EXHAUSTED, t0.plusSeconds(2), "0");
    await().atMost(Duration.ofSeconds(20)).until(() -> !standings.funded(tenant));

    // a redelivered older event is processed (the inbox records it) but the newer standing stays
    String stale = publish(tenant, FundsEvents.RESTORED, t0.plusSeconds(1), "5");
    await().atMost(Duration.ofSeconds(20)).until(() -> processed(stale));
    assertThat(standings.funded(tenant)).isFalse();

    // an event of another kind on the topic is ignored
    String other = publish(tenant, "network.aioz.billing.BalanceLow", t0.plusSeconds(3), "1");
    String restored = publish(tenant, FundsEvents.RESTORED, t0.plusSeconds(4), "9");
    await().atMost(Duration.ofSeconds(20)).until(() -> standings.funded(tenant));
    assertThat(processed(other)).isFalse();
    assertThat(processed(restored)).isTrue();
  }

  private boolean processed(String eventId) {
    return jdbc.queryForObject(
            "select count(*) from processed_event where consumer = 'storage.funds' and event_id = ?",
            Integer.class,
            eventId)
        > 0;
  }

  private String publish(String tenant, String type, Instant at, String available) {
    String id = UUID.randomUUID().toString();
    String json =
        "{\"tenantId\":\""
            + tenant
            + "\",\"available\":\""
            + available
            + "\",\"at\":\""
            + at
            + "\"}";
    CloudEvent event =
        KafkaCloudEvents.event(
            id,
            URI.create("urn:aioz:billing-service"),
            type,
            tenant,
            OffsetDateTime.now(ZoneOffset.UTC),
            json.getBytes(StandardCharsets.UTF_8));
    producer.send(KafkaCloudEvents.toRecord(FundsEvents.TOPIC, event));
    producer.flush();
    return id;
  }

  private HttpResponse<String> presignedPut(String bucket, String key) throws Exception {
    try (S3Presigner presigner =
            S3Clients.presigner(port, StorageTestInfra.ACCESS_KEY, StorageTestInfra.SECRET_KEY);
        HttpClient http = HttpClient.newHttpClient()) {
      URI url =
          presigner
              .presignPutObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(b -> b.bucket(bucket).key(key)))
              .url()
              .toURI();
      return http.send(
          HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("raw")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private List<String> keys(String bucket) {
    return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
  }

  private static S3Exception refused(Runnable call) {
    S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
    assertThat(e).as("refused with an S3 error").isNotNull();
    assertThat(e.statusCode()).isEqualTo(402);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PaymentRequired");
    assertThat(e.requestId()).isNotBlank();
    return e;
  }
}
