package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import network.aioz.infra.SharedInfra;
import network.aioz.shared.event.KafkaCloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IdentityIntegrationTest
class EventIntegrationTests {

  @LocalServerPort int port;

  /** An event as a consumer sees it. */
  record Seen(String topic, String key, String type, JsonNode data) {}

  @Test
  void signInAndCredentialsArePublishedKeyedByTenantWithoutSecrets() throws Exception {
    Api api = new Api(port);
    Wallet wallet = new Wallet();
    Api.Reply grant = api.signIn(wallet);
    String tenant = grant.str("tenantId");
    String caller = Api.gatewayToken(api.authenticate("bearer", grant.str("accessToken")));
    Api.Reply key =
        api.send(
            "POST", "/v1/api-keys", Map.of("name", "k", "scopes", List.of("pins:read")), caller);
    Api.Reply s3 = api.send("POST", "/v1/s3-keys", null, caller);

    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = SharedInfra.eventConsumer("identity-events")) {
      consumer.subscribe(List.of("identity.tenant", "identity.credential"));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (tenant.equals(record.key())) {
                    CloudEvent event = KafkaCloudEvents.fromRecord(record);
                    seen.add(
                        new Seen(
                            record.topic(),
                            record.key(),
                            event.getType(),
                            Api.JSON.readTree(KafkaCloudEvents.data(event))));
                  }
                }
                assertThat(seen).extracting(Seen::type).hasSize(5);
              });
    }
    assertThat(seen)
        .extracting(s -> s.topic() + " " + s.type())
        .containsExactlyInAnyOrder(
            "identity.tenant network.aioz.identity.TenantCreated",
            "identity.tenant network.aioz.identity.MemberAdded",
            "identity.credential network.aioz.identity.SessionStarted",
            "identity.credential network.aioz.identity.ApiKeyCreated",
            "identity.credential network.aioz.identity.S3KeyCreated");
    assertThat(seen)
        .allSatisfy(s -> assertThat(s.data().get("tenantId").asString()).isEqualTo(tenant));
    String all = seen.toString();
    assertThat(all)
        .contains(key.str("id"), s3.str("accessKeyId"), wallet.address)
        .doesNotContain(key.str("key"), s3.str("secretAccessKey"), grant.str("refreshToken"));
  }
}
