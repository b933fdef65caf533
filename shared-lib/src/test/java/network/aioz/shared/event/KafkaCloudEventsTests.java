package network.aioz.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class KafkaCloudEventsTests {

  /** A consumer's copy of a producer's event: only the fields it reads. */
  record StatusChanged(String address, String to) {}

  private static CloudEvent event(String json) {
    return KafkaCloudEvents.event(
        "e-1",
        URI.create("urn:aioz:ledger-service"),
        "network.aioz.ledger.EdgeStatusChanged",
        "0xabc",
        OffsetDateTime.parse("2026-11-22T10:00:00Z"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aConsumerReadsTheFieldsItKnowsAndIgnoresTheRest() {
    CloudEvent sent =
        event("{\"address\":\"0xabc\",\"from\":\"ACTIVE\",\"to\":\"EJECTED\",\"addedLater\":{}}");
    ProducerRecord<String, byte[]> out = KafkaCloudEvents.toRecord("ledger.edge", sent);
    ConsumerRecord<String, byte[]> in =
        new ConsumerRecord<>(out.topic(), 0, 0L, out.key(), out.value());
    out.headers().forEach(h -> in.headers().add(h));

    StatusChanged change =
        KafkaCloudEvents.data(KafkaCloudEvents.fromRecord(in), StatusChanged.class);

    assertThat(in.key()).isEqualTo("0xabc");
    assertThat(change).isEqualTo(new StatusChanged("0xabc", "EJECTED"));
  }

  @Test
  void dataThatIsNotJsonOfTheShapeIsRefused() {
    assertThatThrownBy(() -> KafkaCloudEvents.data(event("{not json"), StatusChanged.class))
        .isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> KafkaCloudEvents.data(event("[1,2]"), StatusChanged.class))
        .isInstanceOf(JacksonException.class);
  }
}
