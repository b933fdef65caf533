package network.aioz.billing.economics;

import network.aioz.shared.amount.TokenAmount;

/**
 * One edge's reward for one epoch, with everything it was computed from: the work proved, the
 * contribution {@code RC}, task completion {@code TCR}, reputation {@code RR}, the exact quality
 * score {@code (wRC·RC + wTCR·TCR)·RR}, that score rounded down to 18 decimals for display, and the
 * payout.
 */
public record EdgeStatement(
    String address,
    EdgeEpochWork work,
    Ratio contribution,
    Ratio taskCompletion,
    Ratio reputation,
    Ratio qualityScore,
    String qualityScoreDisplay,
    TokenAmount payout) {

  public static final int DISPLAY_DIGITS = 18;

  public EdgeStatement {
    Checks.address(address);
    Checks.notNull(work, "work");
    Checks.notNull(contribution, "contribution");
    Checks.notNull(taskCompletion, "task completion");
    Checks.notNull(reputation, "reputation");
    Checks.notNull(qualityScore, "quality score");
    Checks.notNull(qualityScoreDisplay, "quality score display");
    Checks.notNull(payout, "payout");
  }
}
