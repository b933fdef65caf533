package network.aioz.chain.settlement;

import java.time.Instant;
import java.util.List;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import network.aioz.chain.node.ChainUnavailableException;
import network.aioz.chain.node.WrongChainException;
import network.aioz.chain.tx.ChainTx;
import network.aioz.chain.tx.Transactions;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public reads of the settlement: what each epoch committed and where it is on chain, and how the
 * adapter stands (everything here is public on chain anyway).
 */
@RestController
@RequestMapping("/v1/chain")
class SettlementController {

  private final SettlementRepository repository;
  private final SettlementViews views;
  private final Transactions transactions;
  private final ChainNode node;
  private final ChainSettings settings;

  SettlementController(
      SettlementRepository repository,
      SettlementViews views,
      Transactions transactions,
      ChainNode node,
      ChainSettings settings) {
    this.repository = repository;
    this.views = views;
    this.transactions = transactions;
    this.node = node;
    this.settings = settings;
  }

  @GetMapping("/epochs")
  List<EpochView> epochs(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be between 1 and 500");
    }
    return repository.latest(limit).stream().map(views::view).toList();
  }

  @GetMapping("/epochs/{epoch}")
  EpochView epoch(@PathVariable long epoch) {
    return views.find(epoch).orElseThrow(() -> ApiProblem.notFound("epoch " + epoch));
  }

  record PendingView(
      String hash,
      long nonce,
      int attempt,
      String purpose,
      String reference,
      String maxFee,
      int broadcasts,
      Instant broadcastAt,
      String lastError) {}

  record StatusView(
      long chainId,
      String node,
      Long head,
      String committer,
      String committerBalance,
      String registry,
      String deposits,
      String rewards,
      Long lastCommittedEpoch,
      List<EpochView> open,
      List<PendingView> pending) {}

  @GetMapping("/status")
  StatusView status() {
    Long head = null;
    String balance = null;
    String nodeState;
    try {
      head = node.blockNumber();
      balance = node.balance(transactions.sender()).toString();
      nodeState = "up";
    } catch (ChainUnavailableException | WrongChainException e) {
      nodeState = e.getMessage();
    }
    List<PendingView> pending =
        transactions.pending().stream().map(SettlementController::pending).toList();
    return new StatusView(
        node.chainId(),
        nodeState,
        head,
        transactions.sender(),
        balance,
        settings.contracts().registry(),
        settings.contracts().deposits(),
        settings.contracts().rewards(),
        repository.lastCommitted().map(Settlement::epoch).orElse(null),
        repository.open().stream().map(views::view).toList(),
        pending);
  }

  private static PendingView pending(ChainTx tx) {
    return new PendingView(
        tx.hash(),
        tx.nonce(),
        tx.attempt(),
        tx.purpose(),
        tx.reference(),
        tx.maxFee().toString(),
        tx.broadcasts(),
        tx.broadcastAt(),
        tx.lastError());
  }
}
