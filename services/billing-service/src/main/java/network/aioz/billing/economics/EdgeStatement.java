package network.aioz.billing.economics;

import network.aioz.shared.amount.TokenAmount;

/**
 * One edge's reward for one epoch, with everything it was computed from: the work proved, the
 * contribution {@code RC}, task completion {@code TCR}, reputation {@code RR}, the exact quality
 * score {@code (wRC·RC + wTCR·TCR)·RR}, that score rounded down to 18 decimals for display, and the
 * payout.
 */
public record EdgeStatement(
    EdgeEpochWork work,
    Ratio contribution,
    Ratio taskCompletion,
    Ratio reputation,
    Ratio qualityScore,
    TokenAmount payout) {

  public static final int DISPLAY_DIGITS = 18;

  public EdgeStatement {
    Checks.notNull(work, "work");
    Checks.notNull(contribution, "contribution");
    Checks.notNull(taskCompletion, "task completion");
    Checks.notNull(reputation, "reputation");
    Checks.notNull(qualityScore, "quality score");
    Checks.notNull(payout, "payout");
  }

  public String address() {
    return work.address();
  }

  /** The quality score rounded down to {@value #DISPLAY_DIGITS} decimals. */
  public String qualityScoreDisplay() {
    return qualityScore.toDecimalString(DISPLAY_DIGITS);
  }
}
