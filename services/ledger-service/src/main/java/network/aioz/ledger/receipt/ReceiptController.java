package network.aioz.ledger.receipt;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public, read-only: anyone may verify a receipt against a sealed root. */
@RestController
class ReceiptController {

  private final Receipts receipts;

  ReceiptController(Receipts receipts) {
    this.receipts = receipts;
  }

  @GetMapping("/v1/receipts/{taskId}")
  ReceiptProof receipt(@PathVariable String taskId) {
    try {
      return receipts.proof(UUID.fromString(taskId));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'" + taskId + "' is not a task id");
    }
  }

  @GetMapping("/v1/epochs/{number}")
  SealedEpoch epoch(@PathVariable long number) {
    return receipts.epoch(number);
  }

  @GetMapping("/v1/epochs")
  Map<String, List<Long>> epochs(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiProblem.badRequest("limit must be between 1 and 1000");
    }
    return Map.of("sealed", receipts.latestEpochs(limit));
  }
}
