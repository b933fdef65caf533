package network.aioz.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import network.aioz.shared.edge.EdgeKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@LedgerIntegrationTest
class EdgeRegistrationIntegrationTests {

  @LocalServerPort int port;

  private TestEdge edge(String region) {
    return new TestEdge("http://127.0.0.1:" + port, region);
  }

  private void assertProblem(TestEdge.Reply reply, int status, String type) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    assertThat(reply.body().get("type").asString()).endsWith("/" + type);
    assertThat(reply.body().get("detail").asString()).isNotBlank();
  }

  private void assertNotStored(TestEdge edge) {
    assertThat(TestEdge.getPublic(edge.baseUrl + "/v1/edges/" + edge.address).status())
        .isEqualTo(404);
  }

  @Test
  void aSignedRegistrationIsStoredInVettingAndMayBeRepeated() {
    TestEdge edge = edge("eu-west");

    TestEdge.Reply first = edge.register();
    TestEdge.Reply again = edge.register();

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().get("address").asString()).isEqualTo(edge.address);
    assertThat(first.body().get("status").asString()).isEqualTo("VETTING");
    assertThat(first.body().at("/capabilities/transcodeCodecs/0").asString()).isEqualTo("h264");
    assertThat(first.body().at("/reputation/rewardMultiplier").asDouble()).isBetween(0.0, 1.0);
    assertThat(again.status()).isEqualTo(200);
  }

  @Test
  void nodesAreFoundByAddressInAnyCaseAndMalformedAddressesAreProblems() {
    TestEdge edge = edge("eu-west");
    edge.register();

    TestEdge.Reply lower =
        TestEdge.getPublic(edge.baseUrl + "/v1/edges/" + edge.address.toLowerCase());
    TestEdge.Reply malformed = TestEdge.getPublic(edge.baseUrl + "/v1/edges/0xnot-an-address");

    assertThat(lower.status()).isEqualTo(200);
    assertThat(lower.body().get("address").asString()).isEqualTo(edge.address);
    assertProblem(malformed, 400, "invalid-request");
  }

  @Test
  void concurrentFirstRegistrationsOfOneNodeBothSucceed() throws Exception {
    TestEdge edge = edge("sa-east");
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      var replies =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  4, (java.util.concurrent.Callable<TestEdge.Reply>) edge::register));
      java.util.List<Integer> statuses = new java.util.ArrayList<>();
      for (var reply : replies) {
        statuses.add(reply.get().status());
      }
      assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    }
  }

  @Test
  void aTamperedBodyIsRefusedAndNothingIsStored() {
    TestEdge edge = edge("eu-west");
    byte[] signedBody = edge.registration("\"h264\"").getBytes(StandardCharsets.UTF_8);
    var signed =
        network.aioz.shared.edge.EdgeRequestSigning.sign(
            edge.key, "POST", "/v1/edges", Instant.now().getEpochSecond(), signedBody);
    byte[] sentBody = edge.registration("\"vp9\"").getBytes(StandardCharsets.UTF_8);
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(edge.baseUrl + "/v1/edges"))
            .header("X-Edge-Address", edge.address)
            .header("X-Edge-Timestamp", Long.toString(signed.timestamp()))
            .header("X-Edge-Signature", signed.signature())
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(sentBody))
            .build();

    assertProblem(TestEdge.exchange(request), 401, "unauthenticated");
    assertNotStored(edge);
  }

  @Test
  void aSignatureByAnotherKeyIsRefusedAndNothingIsStored() {
    TestEdge edge = edge("us-east");
    byte[] body = edge.registration("").getBytes(StandardCharsets.UTF_8);

    TestEdge.Reply reply = edge.send("POST", "/v1/edges", body, EdgeKeys.generate(), Instant.now());

    assertProblem(reply, 401, "unauthenticated");
    assertNotStored(edge);
  }

  @Test
  void aStaleTimestampOrMissingSignatureIsRefused() {
    TestEdge edge = edge("us-east");
    byte[] body = edge.registration("").getBytes(StandardCharsets.UTF_8);

    assertProblem(
        edge.send("POST", "/v1/edges", body, edge.key, Instant.now().minusSeconds(600)),
        401,
        "unauthenticated");
    assertProblem(
        TestEdge.postJson(edge.baseUrl + "/v1/edges", new String(body), null),
        401,
        "unauthenticated");
    assertNotStored(edge);
  }

  @Test
  void unknownCapabilitiesAreRefusedAndNothingIsStored() {
    TestEdge edge = edge("ap-southeast");

    TestEdge.Reply unknownCodec = edge.post("/v1/edges", edge.registration("\"mpeg1-turbo\""));
    TestEdge.Reply unknownField =
        edge.post(
            "/v1/edges",
            edge.registration("").replace("\"cpuCores\":2", "\"cpuCores\":2,\"quantumQubits\":5"));

    assertProblem(unknownCodec, 422, "unknown-capability");
    assertThat(unknownCodec.body().get("unknown").get(0).asString()).isEqualTo("codec mpeg1-turbo");
    assertProblem(unknownField, 422, "unknown-field");
    assertThat(unknownField.body().get("field").asString()).isEqualTo("quantumQubits");
    assertNotStored(edge);
  }

  @Test
  void invalidDeclarationsAreRefusedAsProblems() {
    TestEdge edge = edge("sa-east");

    assertProblem(
        edge.post(
            "/v1/edges",
            edge.registration("").replace("\"region\":\"sa-east\"", "\"region\":\"\"")),
        400,
        "invalid-request");
    assertProblem(edge.post("/v1/edges", "{not json"), 400, "invalid-request");
    assertNotStored(edge);
  }

  @Test
  void heartbeatsMustIncreaseSoAReplayIsRefused() {
    TestEdge edge = edge("eu-west");
    edge.register();

    TestEdge.Reply first = edge.heartbeatWithSequence(10);
    TestEdge.Reply replayed = edge.heartbeatWithSequence(10);
    TestEdge.Reply older = edge.heartbeatWithSequence(9);
    TestEdge.Reply next = edge.heartbeatWithSequence(11);
    TestEdge.Reply draining =
        edge.post(
            "/v1/edges/" + edge.address + "/heartbeats",
            "{\"sequence\":12,\"usedBytes\":0,\"runningTasks\":0,\"draining\":true}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("status").asString()).isEqualTo("VETTING");
    assertProblem(replayed, 409, "heartbeat-replayed");
    assertProblem(older, 409, "heartbeat-replayed");
    assertThat(next.status()).isEqualTo(200);
    assertThat(draining.status()).isEqualTo(200);
    assertThat(
            TestEdge.getPublic(edge.baseUrl + "/v1/edges/" + edge.address)
                .body()
                .get("draining")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aNodeCannotHeartbeatForAnother() {
    TestEdge alice = edge("eu-west");
    TestEdge mallory = edge("eu-west");
    alice.register();
    mallory.register();

    TestEdge.Reply reply =
        mallory.post(
            "/v1/edges/" + alice.address + "/heartbeats",
            "{\"sequence\":1,\"usedBytes\":0,\"runningTasks\":0,\"draining\":false}");

    assertProblem(reply, 403, "forbidden");
  }
}
