package network.aioz.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMappingTests {

  private static final Instant AT = Instant.parse("2026-11-05T10:00:00Z");

  @Test
  void storageMeasuredIsByteSecondsAtTheWindowEndInTheEventsRegion() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("usageId", "u1");
    data.put("tenantId", "t1");
    data.put("bucket", "b");
    data.put("windowStart", "2026-11-30T23:00:00Z");
    data.put("windowEnd", "2026-12-01T00:00:00Z");
    data.put("storedBytes", 10);
    data.put("objectCount", 1);
    data.put("byteSeconds", "123456789012345678901234567890");
    var event = UsageEventFixtures.event(UsageMapping.STORAGE_MEASURED, "t1", data);

    var global = (UsageMapping.Mapped) UsageMapping.map(event);
    assertThat(global.usage())
        .containsExactly(
            new Usage(
                "t1",
                "storage",
                "byte-second",
                "global",
                "",
                "",
                new BigInteger("123456789012345678901234567890"),
                Instant.parse("2026-12-01T00:00:00Z")));
    var regional =
        (UsageMapping.Mapped) UsageMapping.map(UsageEventFixtures.withRegion(event, "asia"));
    assertThat(regional.usage().getFirst().region()).isEqualTo("asia");
  }

  @Test
  void trafficRecordedIsFourUnitsLeavingOutZeros() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tenantId", "t1");
    data.put("windowEnd", "2026-11-05T10:00:00Z");
    data.put("egressBytes", 100);
    data.put("ingressBytes", 0);
    data.put("classARequests", 3);
    data.put("classBRequests", 7);
    var mapped =
        (UsageMapping.Mapped)
            UsageMapping.map(UsageEventFixtures.event(UsageMapping.TRAFFIC_RECORDED, "t1", data));
    assertThat(mapped.usage())
        .extracting(Usage::unit, Usage::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("egress-byte", BigInteger.valueOf(100)),
            org.assertj.core.groups.Tuple.tuple("request-class-a", BigInteger.valueOf(3)),
            org.assertj.core.groups.Tuple.tuple("request-class-b", BigInteger.valueOf(7)));
  }

  @Test
  void usageRecordedCarriesCreatorAndHold() {
    java.util.UUID hold = java.util.UUID.randomUUID();
    var mapped =
        (UsageMapping.Mapped)
            UsageMapping.map(
                UsageEventFixtures.usage(
                    "t1", "stream", "transcode-second:720p", "42", AT, "c1", hold));
    assertThat(mapped.usage())
        .containsExactly(
            new Usage(
                "t1",
                "stream",
                "transcode-second:720p",
                "eu",
                "c1",
                hold.toString(),
                BigInteger.valueOf(42),
                AT));
  }

  @Test
  void malformedUsageIsRejectedWithItsReason() {
    assertThat(reason(UsageEventFixtures.usage("t1", "ai", "inference-unit", "-5", AT)))
        .isEqualTo("negative-quantity");
    assertThat(reason(UsageEventFixtures.usage("t1", "ai", "inference-unit", "1.5", AT)))
        .isEqualTo("quantity-not-an-integer");
    assertThat(reason(UsageEventFixtures.usage("t1", "ai", "inference-unit", "1e3", AT)))
        .isEqualTo("quantity-not-an-integer");
    assertThat(reason(UsageEventFixtures.usage("", "ai", "inference-unit", "1", AT)))
        .isEqualTo("missing-tenant");
    assertThat(reason(UsageEventFixtures.usage("t1", "mining", "hash", "1", AT)))
        .isEqualTo("unknown-service");
    assertThat(
            reason(UsageEventFixtures.event("network.aioz.storage.ObjectCreated", "t1", Map.of())))
        .isEqualTo("unknown-type");
  }

  private static String reason(io.cloudevents.CloudEvent event) {
    UsageMapping.Result result = UsageMapping.map(event);
    assertThat(result).isInstanceOf(UsageMapping.Rejected.class);
    return ((UsageMapping.Rejected) result).reason();
  }
}
