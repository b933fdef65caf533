package network.aioz.billing.reward;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import network.aioz.billing.economics.RewardTree;
import network.aioz.billing.ledger.Accounts;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public reads of edge rewards (edges hold no tenant credentials): an epoch's root and totals, an
 * edge's statement with its leaf and Merkle proof, and an edge's statements across epochs with its
 * balance. Amounts are strings of base units.
 */
@RestController
@RequestMapping("/v1/billing/rewards")
class RewardController {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,19}");
  private static final int MAX_PAGE = 200;

  record EpochView(
      long epoch,
      String root,
      String pool,
      String total,
      String unallocated,
      int edges,
      int paidEdges,
      long epochSeconds,
      String receiptsRoot,
      String sealedAt,
      Rewards.FeeTotals fees) {}

  record Work(
      long storageByteHours,
      long bandwidthBytes,
      long transcodeMinutes,
      long inferenceUnits,
      long uptimeSeconds,
      long tasksAssigned,
      long tasksCompleted,
      int faults) {}

  record StatementView(
      long epoch,
      String address,
      Work work,
      String contribution,
      String taskCompletion,
      String reputation,
      String qualityScore,
      String qualityScoreDisplay,
      String payout) {

    static StatementView of(RewardRepository.Statement s) {
      var w = s.work();
      return new StatementView(
          s.epoch(),
          s.address(),
          new Work(
              w.storageByteHours(),
              w.bandwidthBytes(),
              w.transcodeMinutes(),
              w.inferenceUnits(),
              w.uptimeSeconds(),
              s.tasksAssigned(),
              s.tasksCompleted(),
              s.faults()),
          s.contribution(),
          s.taskCompletion(),
          s.reputation(),
          s.qualityScore(),
          s.qualityScoreDisplay(),
          s.payout().toString());
    }
  }

  record Leaf(long epoch, String address, String amount) {}

  /** {@code leaf} and {@code proof} are null and empty when the edge earned nothing. */
  record ClaimView(
      StatementView statement,
      Leaf leaf,
      List<String> leafTypes,
      String leafHash,
      List<String> proof,
      String root) {}

  record EdgeView(
      String address,
      String account,
      String balance,
      List<StatementView> statements,
      Long nextBefore) {}

  private final RewardRepository repository;
  private final Accounts accounts;

  RewardController(RewardRepository repository, Accounts accounts) {
    this.repository = repository;
    this.accounts = accounts;
  }

  @GetMapping("/epochs/{epoch}")
  EpochView epoch(@PathVariable String epoch) {
    RewardRepository.Epoch e = find(epochNumber(epoch));
    return new EpochView(
        e.epoch(),
        e.root(),
        e.pool().toString(),
        e.total().toString(),
        e.unallocated().toString(),
        e.edges(),
        e.paidEdges(),
        e.epochSeconds(),
        e.receiptsRoot(),
        e.sealedAt().toString(),
        e.fees().totals());
  }

  @GetMapping("/epochs/{epoch}/edges/{address}")
  ClaimView claim(@PathVariable String epoch, @PathVariable String address) {
    long number = epochNumber(epoch);
    String edge = address(address);
    RewardRepository.Epoch e = find(number);
    RewardRepository.Statement statement =
        repository
            .statement(number, edge)
            .orElseThrow(
                () -> ApiProblem.notFound("reward of edge " + edge + " in epoch " + number));
    if (statement.payout().signum() == 0) {
      return new ClaimView(
          StatementView.of(statement), null, RewardTree.LEAF_TYPES, null, List.of(), e.root());
    }
    Map<String, TokenAmount> payouts = new TreeMap<>();
    for (RewardRepository.Statement s : repository.statements(number)) {
      payouts.put(s.address(), TokenAmount.ofBaseUnits(s.payout()));
    }
    RewardTree tree = RewardTree.of(number, payouts);
    if (!tree.root().toHex().equalsIgnoreCase(e.root())) {
      throw new IllegalStateException(
          "statements of epoch " + number + " no longer match its root");
    }
    TokenAmount amount = TokenAmount.ofBaseUnits(statement.payout());
    return new ClaimView(
        StatementView.of(statement),
        new Leaf(number, edge, statement.payout().toString()),
        RewardTree.LEAF_TYPES,
        RewardTree.leafHash(number, edge, amount).toHex(),
        tree.proof(edge).stream().map(Bytes32::toHex).toList(),
        e.root());
  }

  @GetMapping("/edges/{address}")
  EdgeView edge(
      @PathVariable String address,
      @RequestParam(required = false) String before,
      @RequestParam(defaultValue = "50") int limit) {
    String edge = address(address);
    if (limit < 1 || limit > MAX_PAGE) {
      throw ApiProblem.badRequest("limit must be 1.." + MAX_PAGE + ", got " + limit);
    }
    Long beforeEpoch = before == null ? null : epochNumber(before);
    List<StatementView> statements =
        repository.statementsOf(edge, beforeEpoch, limit + 1).stream()
            .map(StatementView::of)
            .toList();
    String account = Rewards.edgeAccount(edge);
    var balance = accounts.balance(account);
    if (statements.isEmpty() && balance.isEmpty() && beforeEpoch == null) {
      throw ApiProblem.notFound("rewards of edge " + edge);
    }
    Long next = null;
    if (statements.size() > limit) {
      statements = statements.subList(0, limit);
      next = statements.get(limit - 1).epoch();
    }
    return new EdgeView(
        edge, account, balance.map(b -> b.available().toString()).orElse("0"), statements, next);
  }

  private RewardRepository.Epoch find(long epoch) {
    return repository
        .epoch(epoch)
        .orElseThrow(() -> ApiProblem.notFound("rewards of epoch " + epoch));
  }

  private static long epochNumber(String text) {
    if (text == null || !EPOCH.matcher(text).matches()) {
      throw ApiProblem.badRequest("an epoch is a non-negative integer, got '" + text + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("an epoch is at most " + Long.MAX_VALUE + ", got " + text);
    }
  }

  private static String address(String text) {
    if (text == null || !ADDRESS.matcher(text).matches()) {
      throw ApiProblem.badRequest("not an EVM address (0x and 40 hex digits): '" + text + "'");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
