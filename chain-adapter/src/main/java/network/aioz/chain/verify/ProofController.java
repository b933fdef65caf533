package network.aioz.chain.verify;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.settlement.EpochView;
import network.aioz.chain.settlement.SettlementViews;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * A work receipt (from the task ledger) or an edge's reward leaf (from billing) with its Merkle
 * proof, and the settlement that put its root on chain: everything a verifier needs to check it
 * against the chain with public tools alone (see {@code chain-adapter/verify/}).
 */
@RestController
@RequestMapping("/v1/chain")
class ProofController {

  /** The proof as its producer gives it, and the epoch's settlement. */
  record Verifiable(JsonNode proof, EpochView settlement, String contract) {}

  private final RestClient ledger;
  private final RestClient billing;
  private final SettlementViews settlements;
  private final ChainSettings settings;

  ProofController(SettlementViews settlements, ChainSettings settings) {
    this.ledger = client(settings.ledgerUrl());
    this.billing = client(settings.billingUrl());
    this.settlements = settlements;
    this.settings = settings;
  }

  @GetMapping("/receipts/{taskId}")
  Verifiable receipt(@PathVariable String taskId) {
    UUID task;
    try {
      task = UUID.fromString(taskId);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("taskId must be a UUID");
    }
    JsonNode proof = fetch(ledger, "/v1/receipts/" + task, "receipt of task " + task);
    long epoch = proof.path("receipt").path("epoch").asLong(-1);
    EpochView settlement = committed(epoch);
    if (!proof.path("root").asString("").equalsIgnoreCase(settlement.receiptsRoot())) {
      throw new ApiProblem(
          HttpStatus.BAD_GATEWAY,
          "roots-differ",
          "The ledger's root is not the committed one",
          "the receipt's root "
              + proof.path("root").asString()
              + " is not epoch "
              + epoch
              + "'s committed receipts root "
              + settlement.receiptsRoot());
    }
    return new Verifiable(proof, settlement, settings.contracts().registry());
  }

  @GetMapping("/rewards/{epoch}/{address}")
  Verifiable reward(@PathVariable long epoch, @PathVariable String address) {
    if (!address.matches("0x[0-9a-fA-F]{40}")) {
      throw ApiProblem.badRequest("address must be a 0x-prefixed 20-byte hex address");
    }
    String edge = address.toLowerCase(Locale.ROOT);
    JsonNode proof =
        fetch(
            billing,
            "/v1/billing/rewards/epochs/" + epoch + "/edges/" + edge,
            "reward of " + edge + " in epoch " + epoch);
    EpochView settlement = committed(epoch);
    if (!proof.path("root").asString("").equalsIgnoreCase(settlement.rewardsRoot())) {
      throw new ApiProblem(
          HttpStatus.BAD_GATEWAY,
          "roots-differ",
          "Billing's root is not the committed one",
          "the reward's root "
              + proof.path("root").asString()
              + " is not epoch "
              + epoch
              + "'s committed rewards root "
              + settlement.rewardsRoot());
    }
    return new Verifiable(proof, settlement, settings.contracts().rewards());
  }

  private static RestClient client(String baseUrl) {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build();
    org.springframework.http.client.JdkClientHttpRequestFactory requests =
        new org.springframework.http.client.JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(java.time.Duration.ofSeconds(10));
    return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
  }

  private EpochView committed(long epoch) {
    EpochView settlement =
        settlements
            .find(epoch)
            .orElseThrow(() -> ApiProblem.notFound("settlement of epoch " + epoch));
    if (!settlement.committed()) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "epoch-not-settled",
          "Not settled yet",
          "epoch " + epoch + " is " + settlement.state() + ", not committed on chain yet",
          Map.of("epoch", epoch, "state", settlement.state()));
    }
    return settlement;
  }

  private static JsonNode fetch(RestClient client, String path, String what) {
    try {
      JsonNode body =
          client
              .get()
              .uri(path)
              .retrieve()
              .onStatus(
                  HttpStatusCode::is4xxClientError,
                  (request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 404) {
                      throw ApiProblem.notFound(what);
                    }
                    if (status != 409) {
                      // our call was refused (401, 403, 400...): nothing the caller can mend
                      throw new ApiProblem(
                          HttpStatus.BAD_GATEWAY,
                          "upstream-refused",
                          "A platform service refused the read",
                          what + " could not be read (" + status + ")");
                    }
                    // the ledger's 409 for a receipt whose epoch is not sealed yet: say so as is
                    throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "not-verifiable-yet",
                        "Not verifiable yet",
                        what
                            + ": "
                            + new String(
                                response.getBody().readNBytes(2_000),
                                java.nio.charset.StandardCharsets.UTF_8));
                  })
              .body(JsonNode.class);
      if (body == null) {
        throw new ApiProblem(
            HttpStatus.BAD_GATEWAY,
            "upstream-unavailable",
            "A platform service did not answer",
            what + " came back empty");
      }
      return body;
    } catch (ApiProblem e) {
      throw e;
    } catch (RestClientException e) {
      throw new ApiProblem(
          HttpStatus.BAD_GATEWAY,
          "upstream-unavailable",
          "A platform service did not answer",
          what + " could not be read: " + e.getMessage());
    }
  }
}
