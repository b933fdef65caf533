package network.aioz.billing.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to the running service, Kafka in and out, as the funding tests use them. */
final class FundingApi {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KafkaProducer<String, byte[]> producer;

  private final int port;

  FundingApi(int port) {
    this.port = port;
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    return call(method, path, token, body, Map.of());
  }

  HttpResponse<String> call(
      String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("X-Platform-Identity", token);
    }
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(response.body())
        .startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("Exception", "at network.");
  }

  static synchronized void publish(
      String topic, String eventId, String type, String key, Object data) {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers(),
                  ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
    CloudEvent event =
        KafkaCloudEvents.event(
            eventId,
            URI.create("urn:aioz:chain-adapter"),
            type,
            key,
            OffsetDateTime.now(ZoneOffset.UTC),
            JSON.writeValueAsBytes(data));
    producer.send(KafkaCloudEvents.toRecord(topic, event));
    producer.flush();
  }

  /**
   * The events of {@code type} on {@code topic} whose key is {@code key}, after waiting until at
   * least {@code atLeast} arrived and a little longer (to see a duplicate that should not be).
   */
  static List<JsonNode> events(String topic, String key, String type, int atLeast) {
    List<JsonNode> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("funding-tests")) {
      consumer.subscribe(List.of(topic));
      Runnable poll =
          () -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
              if (key.equals(record.key())) {
                CloudEvent event = KafkaCloudEvents.fromRecord(record);
                if (type.equals(event.getType())) {
                  seen.add(JSON.readTree(KafkaCloudEvents.data(event)));
                }
              }
            }
          };
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                poll.run();
                return seen.size() >= atLeast;
              });
      for (int i = 0; i < 5; i++) {
        poll.run();
      }
    }
    return seen;
  }
}
