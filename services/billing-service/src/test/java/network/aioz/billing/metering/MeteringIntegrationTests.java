package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.billing.BillingIntegrationTest;
import network.aioz.infra.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Usage events through the real broker into the real database. */
@BillingIntegrationTest
class MeteringIntegrationTests {

  private static KafkaProducer<String, byte[]> producer;

  @Autowired JdbcTemplate jdbc;
  @Autowired PeriodCloser closer;

  @BeforeAll
  static void producer() {
    producer = SharedInfra.eventProducer();
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  private void publish(CloudEvent... events) throws Exception {
    for (CloudEvent e : events) {
      producer.send(UsageEventFixtures.record(e)).get();
    }
  }

  private BigInteger quantity(String tenant, String unit) {
    return jdbc
        .queryForList(
            "select sum(quantity) from metering_usage where tenant_id = ? and unit = ?",
            java.math.BigDecimal.class,
            tenant,
            unit)
        .stream()
        .filter(java.util.Objects::nonNull)
        .map(java.math.BigDecimal::toBigIntegerExact)
        .findFirst()
        .orElse(BigInteger.ZERO);
  }

  private long events(String tenant) {
    Long n =
        jdbc.queryForObject(
            "select coalesce(sum(events), 0) from metering_usage where tenant_id = ?",
            Long.class,
            tenant);
    return n == null ? 0 : n;
  }

  private List<String> rejections(String id) {
    return jdbc.queryForList("select reason from metering_rejected where id = ?", String.class, id);
  }

  @Test
  void eventsAreAggregatedOnceHoweverOftenTheyArrive() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    CloudEvent first = UsageEventFixtures.usage(tenant, "ai", "inference-unit", "7", at);
    CloudEvent second =
        UsageEventFixtures.usage(tenant, "ai", "inference-unit", "1000000000000000000000000", at);
    Map<String, Object> traffic =
        Map.of(
            "usageId", "u",
            "tenantId", tenant,
            "windowEnd", at.toString(),
            "egressBytes", 5,
            "ingressBytes", 6,
            "classARequests", 0,
            "classBRequests", 2);
    CloudEvent storage =
        UsageEventFixtures.withRegion(
            UsageEventFixtures.event(UsageMapping.TRAFFIC_RECORDED, tenant, traffic), "asia");
    publish(first, second, first, storage, storage);
    // republished later by another producer instance: same source and id, another record
    producer
        .send(
            new ProducerRecord<>(
                UsageEventFixtures.TOPIC,
                null,
                "other-key",
                UsageEventFixtures.record(first).value(),
                UsageEventFixtures.record(first).headers()))
        .get();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(quantity(tenant, "inference-unit"))
                  .isEqualTo(new BigInteger("1000000000000000000000007"));
              assertThat(quantity(tenant, "request-class-b")).isEqualTo(BigInteger.TWO);
            });
    // a marker published after the duplicates: once it counts, every duplicate was seen
    publish(UsageEventFixtures.usage(tenant, "ai", "request", "1", at));
    await().atMost(Duration.ofSeconds(30)).until(() -> quantity(tenant, "request").signum() > 0);
    assertThat(quantity(tenant, "inference-unit"))
        .isEqualTo(new BigInteger("1000000000000000000000007"));
    assertThat(quantity(tenant, "egress-byte")).isEqualTo(BigInteger.valueOf(5));
    assertThat(events(tenant)).as("2 + 3 storage units + 1 marker").isEqualTo(6);
    assertThat(
            jdbc.queryForList(
                "select distinct region from metering_usage where tenant_id = ? and service ="
                    + " 'storage'",
                String.class,
                tenant))
        .containsExactly("asia");
    assertThat(
            jdbc.queryForObject(
                "select period_id from metering_usage where tenant_id = ? limit 1",
                String.class,
                tenant))
        .isEqualTo(UsageEventFixtures.monthId(at));
  }

  @Test
  void lateUsageCountsWhileItsPeriodIsOpenAndIsRejectedVisiblyOnceClosed() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    publish(UsageEventFixtures.usage(tenant, "pin", "pinned-byte-second", "10", at));
    await().atMost(Duration.ofSeconds(30)).until(() -> events(tenant) == 1);
    // late, but its period is still open
    publish(
        UsageEventFixtures.usage(
            tenant, "pin", "pinned-byte-second", "5", at.minusSeconds(86_400)));
    await().atMost(Duration.ofSeconds(30)).until(() -> events(tenant) == 2);

    PeriodClose close = closer.closePeriod(UsageEventFixtures.monthId(at));
    assertThat(closer.closePeriod(UsageEventFixtures.monthId(at))).isEqualTo(close);

    CloudEvent tooLate = UsageEventFixtures.usage(tenant, "pin", "pinned-byte-second", "99", at);
    publish(tooLate);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(rejections(tooLate.getId())).containsExactly("period-closed"));
    assertThat(quantity(tenant, "pinned-byte-second")).isEqualTo(BigInteger.valueOf(15));
    assertThat(
            jdbc.queryForObject(
                "select convert_from(raw_data, 'UTF8') from metering_rejected where id = ?",
                String.class,
                tooLate.getId()))
        .contains("\"quantity\":\"99\"");
  }

  @Test
  void malformedEventsAreRejectedVisiblyAndTheConsumerCarriesOn() throws Exception {
    String tenant = "t-" + UUID.randomUUID();
    Instant at = UsageEventFixtures.ownMonth();
    CloudEvent negative = UsageEventFixtures.usage(tenant, "ai", "inference-unit", "-1", at);
    CloudEvent fraction = UsageEventFixtures.usage(tenant, "ai", "inference-unit", "0.5", at);
    CloudEvent noTenant = UsageEventFixtures.usage("", "ai", "inference-unit", "1", at);
    CloudEvent unknown =
        UsageEventFixtures.event("network.aioz.storage.ObjectCreated", tenant, Map.of("a", 1));
    var raw =
        producer
            .send(
                new ProducerRecord<>(
                    UsageEventFixtures.TOPIC, "junk", "{not a cloudevent".getBytes()))
            .get();
    publish(negative, fraction, noTenant, unknown);
    publish(UsageEventFixtures.usage(tenant, "ai", "inference-unit", "3", at));

    await().atMost(Duration.ofSeconds(30)).until(() -> events(tenant) == 1);
    assertThat(quantity(tenant, "inference-unit")).isEqualTo(BigInteger.valueOf(3));
    assertThat(rejections(negative.getId())).containsExactly("negative-quantity");
    assertThat(rejections(fraction.getId())).containsExactly("quantity-not-an-integer");
    assertThat(rejections(noTenant.getId())).containsExactly("missing-tenant");
    assertThat(rejections(unknown.getId())).containsExactly("unknown-type");
    assertThat(
            jdbc.queryForList(
                "select reason from metering_rejected where source = ? and id = ?",
                String.class,
                "kafka:" + raw.topic() + "/" + raw.partition(),
                Long.toString(raw.offset())))
        .containsExactly("not-a-cloudevent");
  }
}
