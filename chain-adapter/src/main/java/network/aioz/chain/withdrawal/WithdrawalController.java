package network.aioz.chain.withdrawal;

import java.time.Instant;
import java.util.UUID;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public read of a withdrawal's payout: where it stands and which transaction paid it (public on
 * chain anyway; the tenant is not shown).
 */
@RestController
@RequestMapping("/v1/chain/withdrawals")
class WithdrawalController {

  /**
   * @param lastError why it waits ({@code requested}) or why it failed ({@code failed})
   */
  record WithdrawalView(
      UUID refundId,
      String state,
      String address,
      String amount,
      String txHash,
      Long blockNumber,
      String lastError,
      Instant requestedAt,
      Instant expiresAt,
      Instant updatedAt) {}

  private final WithdrawalRepository repository;

  WithdrawalController(WithdrawalRepository repository) {
    this.repository = repository;
  }

  @GetMapping("/{refundId}")
  WithdrawalView withdrawal(@PathVariable UUID refundId) {
    Withdrawal w =
        repository.find(refundId).orElseThrow(() -> ApiProblem.notFound("withdrawal " + refundId));
    return new WithdrawalView(
        w.refundId(),
        w.state(),
        w.address(),
        w.amount().toString(),
        w.txHash(),
        w.blockNumber(),
        w.lastError(),
        w.requestedAt(),
        w.expiresAt(),
        w.updatedAt());
  }
}
