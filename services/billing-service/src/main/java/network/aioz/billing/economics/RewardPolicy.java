package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import network.aioz.shared.amount.Allocation;
import network.aioz.shared.amount.TokenAmount;

/**
 * Edge rewards per epoch: {@code score_i = (wRC·RC_i + wTCR·TCR_i) × RR_i}, all exact rationals,
 * and the pool allocated by score with {@link Allocation#byWeights} so payouts sum exactly to the
 * pool.
 *
 * @param resources the weights {@code w_k} inside {@code RC}
 * @param contributionBps {@code wRC}
 * @param taskCompletionBps {@code wTCR}; with {@code wRC} it sums to 10,000
 * @param reputation the table for {@code RR}
 */
public record RewardPolicy(
    ResourceWeights resources,
    int contributionBps,
    int taskCompletionBps,
    ReputationTable reputation) {

  public static final RewardPolicy DEFAULT =
      new RewardPolicy(ResourceWeights.DEFAULT, 7000, 3000, ReputationTable.DEFAULT);

  public RewardPolicy {
    Checks.notNull(resources, "resource weights");
    Checks.basisPoints(contributionBps, "wRC");
    Checks.basisPoints(taskCompletionBps, "wTCR");
    if (contributionBps + taskCompletionBps != 10_000) {
      throw new IllegalArgumentException(
          "wRC + wTCR must be 10000 basis points, got "
              + contributionBps
              + " + "
              + taskCompletionBps);
    }
    Checks.notNull(reputation, "reputation table");
  }

  /**
   * Pays {@code pool} to the edges of {@code epoch}. Statements come sorted by address, so the
   * result (tie-breaks included) does not depend on the order of {@code edges}. If every score is
   * zero, or there are no edges, nothing is paid and the whole pool is {@code unallocated}.
   */
  public EpochRewards rewards(
      long epoch, long epochSeconds, TokenAmount pool, List<EdgeEpochWork> edges) {
    Checks.nonNegative(epoch, "epoch");
    if (epochSeconds <= 0) {
      throw new IllegalArgumentException("an epoch must last at least one second: " + epochSeconds);
    }
    Checks.notNull(pool, "reward pool");
    Checks.requireNonNullElements(edges, "edges");
    List<EdgeEpochWork> sorted =
        edges.stream().sorted(Comparator.comparing(EdgeEpochWork::address)).toList();
    Set<String> seen = new HashSet<>();
    for (EdgeEpochWork edge : sorted) {
      if (!seen.add(edge.address())) {
        throw new IllegalArgumentException(
            "edge " + edge.address() + " appears twice in epoch " + epoch);
      }
      if (edge.work().uptimeSeconds() > epochSeconds) {
        throw new IllegalArgumentException(
            "edge "
                + edge.address()
                + " claims "
                + edge.work().uptimeSeconds()
                + " s of uptime in an epoch of "
                + epochSeconds
                + " s");
      }
    }
    BigInteger[] totals = resourceTotals(sorted);
    List<Ratio> contributions = new ArrayList<>();
    List<Ratio> completions = new ArrayList<>();
    List<Ratio> reputations = new ArrayList<>();
    List<Ratio> scores = new ArrayList<>();
    for (EdgeEpochWork edge : sorted) {
      Ratio rc = contribution(edge.work(), totals);
      Ratio tcr =
          edge.tasksAssigned() == 0
              ? Ratio.ZERO
              : Ratio.of(edge.tasksCompleted(), edge.tasksAssigned());
      Ratio rr = reputation.multiplier(edge.work().uptimeSeconds(), epochSeconds, edge.faults());
      Ratio score =
          Ratio.basisPoints(contributionBps)
              .times(rc)
              .plus(Ratio.basisPoints(taskCompletionBps).times(tcr))
              .times(rr);
      contributions.add(rc);
      completions.add(tcr);
      reputations.add(rr);
      scores.add(score);
    }
    List<TokenAmount> payouts = allocate(pool, scores);
    List<EdgeStatement> statements = new ArrayList<>();
    TokenAmount paid = TokenAmount.ZERO;
    for (int i = 0; i < sorted.size(); i++) {
      Ratio score = scores.get(i);
      statements.add(
          new EdgeStatement(
              sorted.get(i),
              contributions.get(i),
              completions.get(i),
              reputations.get(i),
              score,
              payouts.get(i)));
      paid = paid.plus(payouts.get(i));
    }
    return new EpochRewards(epoch, pool, statements, pool.minus(paid));
  }

  private static BigInteger[] resourceTotals(List<EdgeEpochWork> edges) {
    BigInteger[] totals = new BigInteger[WorkProved.RESOURCES];
    java.util.Arrays.fill(totals, BigInteger.ZERO);
    for (EdgeEpochWork edge : edges) {
      List<Long> x = edge.work().asList();
      for (int k = 0; k < totals.length; k++) {
        totals[k] = totals[k].add(BigInteger.valueOf(x.get(k)));
      }
    }
    return totals;
  }

  /** {@code RC_i = Σ_k w_k · x_ik / Σ_j x_jk}; a resource nobody contributed adds 0. */
  private Ratio contribution(WorkProved work, BigInteger[] totals) {
    List<Long> x = work.asList();
    List<Integer> w = resources.asList();
    Ratio rc = Ratio.ZERO;
    for (int k = 0; k < totals.length; k++) {
      if (totals[k].signum() > 0) {
        rc =
            rc.plus(
                Ratio.basisPoints(w.get(k))
                    .times(Ratio.of(BigInteger.valueOf(x.get(k)), totals[k])));
      }
    }
    return rc;
  }

  /** Scores brought to their least common denominator become integer weights for the pool. */
  private static List<TokenAmount> allocate(TokenAmount pool, List<Ratio> scores) {
    if (scores.stream().allMatch(Ratio::isZero)) {
      return scores.stream().map(s -> TokenAmount.ZERO).toList();
    }
    BigInteger lcm = BigInteger.ONE;
    for (Ratio score : scores) {
      lcm = lcm.divide(lcm.gcd(score.denominator())).multiply(score.denominator());
    }
    List<BigInteger> weights = new ArrayList<>(scores.size());
    for (Ratio score : scores) {
      weights.add(score.numerator().multiply(lcm.divide(score.denominator())));
    }
    return Allocation.byWeights(pool, weights);
  }
}
