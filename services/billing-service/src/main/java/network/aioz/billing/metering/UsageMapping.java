package network.aioz.billing.metering;

import io.cloudevents.CloudEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import network.aioz.shared.event.KafkaCloudEvents;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each usage event type means in billable units: the one place that knows the producers'
 * contracts.
 *
 * <ul>
 *   <li>{@code network.aioz.storage.StorageMeasured} → storage {@code byte-second} ({@code
 *       byteSeconds}), at the window's end.
 *   <li>{@code network.aioz.storage.TrafficRecorded} → storage {@code egress-byte}, {@code
 *       ingress-byte}, {@code request-class-a}, {@code request-class-b}, at the window's end (zero
 *       quantities are left out).
 *   <li>{@code network.aioz.billing.UsageRecorded} (every other service): {@code {usageId,
 *       tenantId, service, unit, region, quantity, occurredAt, creatorId?, holdId?}}.
 * </ul>
 *
 * Storage events carry no region: the CloudEvent extension {@code region} if present, else {@code
 * global}. Quantities are non-negative integers (JSON numbers or decimal strings).
 */
final class UsageMapping {

  static final String STORAGE_MEASURED = "network.aioz.storage.StorageMeasured";
  static final String TRAFFIC_RECORDED = "network.aioz.storage.TrafficRecorded";
  static final String USAGE_RECORDED = "network.aioz.billing.UsageRecorded";
  static final String GLOBAL = "global";
  static final Set<String> SERVICES = Set.of("storage", "pin", "stream", "ai");

  private static final Pattern INTEGER = Pattern.compile("0|[1-9][0-9]{0,59}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private UsageMapping() {}

  /** The usage an event reports, or why it cannot be metered. */
  sealed interface Result permits Mapped, Rejected {}

  record Mapped(List<Usage> usage) implements Result {}

  record Rejected(String reason) implements Result {}

  static Result map(CloudEvent event) {
    JsonNode data;
    try {
      data = JSON.readTree(KafkaCloudEvents.data(event));
    } catch (JacksonException e) {
      return new Rejected("data-not-json");
    }
    if (data == null || !data.isObject()) {
      return new Rejected("data-not-json-object");
    }
    try {
      return switch (event.getType()) {
        case STORAGE_MEASURED -> storageMeasured(event, data);
        case TRAFFIC_RECORDED -> trafficRecorded(event, data);
        case USAGE_RECORDED -> usageRecorded(event, data);
        default -> new Rejected("unknown-type");
      };
    } catch (Invalid e) {
      return new Rejected(e.getMessage());
    }
  }

  private static Result storageMeasured(CloudEvent event, JsonNode data) {
    return new Mapped(
        List.of(
            new Usage(
                tenant(data),
                "storage",
                "byte-second",
                extensionRegion(event),
                "",
                "",
                quantity(data, "byteSeconds"),
                time(data, "windowEnd", event))));
  }

  private static Result trafficRecorded(CloudEvent event, JsonNode data) {
    String tenant = tenant(data);
    String region = extensionRegion(event);
    Instant at = time(data, "windowEnd", event);
    List<Usage> usage = new ArrayList<>(4);
    String[][] units = {
      {"egressBytes", "egress-byte"},
      {"ingressBytes", "ingress-byte"},
      {"classARequests", "request-class-a"},
      {"classBRequests", "request-class-b"}
    };
    for (String[] u : units) {
      BigInteger q = quantity(data, u[0]);
      if (q.signum() > 0) {
        usage.add(new Usage(tenant, "storage", u[1], region, "", "", q, at));
      }
    }
    return new Mapped(usage);
  }

  private static Result usageRecorded(CloudEvent event, JsonNode data) {
    String tenant = tenant(data);
    String service = data.path("service").asString("");
    if (!SERVICES.contains(service)) {
      throw new Invalid("unknown-service");
    }
    String unit = data.path("unit").asString("");
    if (!NAME.matcher(unit).matches()) {
      throw new Invalid("invalid-unit");
    }
    String region = data.path("region").asString("");
    if (region.isEmpty()) {
      region = GLOBAL;
    } else if (!NAME.matcher(region).matches() || region.equals("*")) {
      throw new Invalid("invalid-region");
    }
    String creator = data.path("creatorId").asString("");
    if (!creator.isEmpty() && !NAME.matcher(creator).matches()) {
      throw new Invalid("invalid-creator");
    }
    String hold = data.path("holdId").asString("");
    if (!hold.isEmpty()) {
      try {
        hold = UUID.fromString(hold).toString();
      } catch (IllegalArgumentException e) {
        throw new Invalid("invalid-hold-id");
      }
    }
    return new Mapped(
        List.of(
            new Usage(
                tenant,
                service,
                unit,
                region,
                creator,
                hold,
                quantity(data, "quantity"),
                time(data, "occurredAt", event))));
  }

  private static String tenant(JsonNode data) {
    String tenant = data.path("tenantId").asString("");
    if (tenant.isBlank()) {
      throw new Invalid("missing-tenant");
    }
    if (!NAME.matcher(tenant).matches()) {
      throw new Invalid("invalid-tenant");
    }
    return tenant;
  }

  private static String extensionRegion(CloudEvent event) {
    Object region = event.getExtension("region");
    String text = region == null ? "" : region.toString();
    return text.isEmpty() || !NAME.matcher(text).matches() ? GLOBAL : text;
  }

  private static BigInteger quantity(JsonNode data, String field) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      throw new Invalid("missing-quantity");
    }
    String text;
    if (node.isString()) {
      text = node.asString();
    } else if (node.isIntegralNumber()) {
      text = node.bigIntegerValue().toString();
    } else {
      throw new Invalid("quantity-not-an-integer");
    }
    if (text.startsWith("-")) {
      throw new Invalid("negative-quantity");
    }
    if (!INTEGER.matcher(text).matches()) {
      throw new Invalid("quantity-not-an-integer");
    }
    return new BigInteger(text);
  }

  private static Instant time(JsonNode data, String field, CloudEvent event) {
    String text = data.path(field).asString("");
    if (text.isEmpty()) {
      if (event.getTime() == null) {
        throw new Invalid("missing-time");
      }
      return event.getTime().toInstant();
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        throw new Invalid("invalid-time");
      }
    }
  }

  /** Why an event cannot be metered (a reason code, stored with it). */
  private static final class Invalid extends RuntimeException {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }
}
