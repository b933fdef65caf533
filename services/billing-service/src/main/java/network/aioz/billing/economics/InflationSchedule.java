package network.aioz.billing.economics;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;

/**
 * Annual inflation as a step function of time, and the minting it implies. A year is 365 days of
 * 86,400 seconds; time counts to the nanosecond, so minting over a period is exact until its one
 * final floor.
 *
 * @param initialRateBps the rate before the first step
 * @param steps the dates the rate changes, strictly increasing
 */
public record InflationSchedule(int initialRateBps, List<RateStep> steps) {

  /** 9 % before 2023-12-25, then 8, 7, 6 and from 2026-12-25 on 5 %, each step at 00:00 UTC. */
  public static final InflationSchedule WHITEPAPER =
      new InflationSchedule(
          900,
          List.of(
              new RateStep(utcMidnight("2023-12-25"), 800),
              new RateStep(utcMidnight("2024-12-25"), 700),
              new RateStep(utcMidnight("2025-12-25"), 600),
              new RateStep(utcMidnight("2026-12-25"), 500)));

  static final long SECONDS_PER_YEAR = 365L * 86_400L;

  // rate bps * nanoseconds / (10000 * nanoseconds per year)
  private static final BigInteger DENOMINATOR =
      BigInteger.valueOf(10_000L)
          .multiply(BigInteger.valueOf(SECONDS_PER_YEAR))
          .multiply(BigInteger.valueOf(1_000_000_000L));

  public InflationSchedule {
    Checks.basisPoints(initialRateBps, "initial annual inflation rate");
    Checks.requireNonNullElements(steps, "rate steps");
    steps = List.copyOf(steps);
    for (int i = 1; i < steps.size(); i++) {
      if (!steps.get(i).from().isAfter(steps.get(i - 1).from())) {
        throw new IllegalArgumentException(
            "rate steps must be in strictly increasing time order: "
                + steps.get(i - 1).from()
                + " then "
                + steps.get(i).from());
      }
    }
  }

  public static Instant utcMidnight(String isoDate) {
    return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The annual rate in basis points in force at {@code instant}. */
  public int rateAt(Instant instant) {
    Checks.notNull(instant, "instant");
    int rate = initialRateBps;
    for (RateStep step : steps) {
      if (step.from().isAfter(instant)) {
        break;
      }
      rate = step.rateBps();
    }
    return rate;
  }

  /** {@code [from, to)} cut at every step date strictly inside it, each piece with its rate. */
  public List<AppliedRate> ratesBetween(Instant from, Instant to) {
    checkPeriod(from, to);
    List<AppliedRate> pieces = new ArrayList<>();
    Instant start = from;
    for (RateStep step : steps) {
      if (step.from().isAfter(start) && step.from().isBefore(to)) {
        pieces.add(new AppliedRate(start, step.from(), rateAt(start)));
        start = step.from();
      }
    }
    pieces.add(new AppliedRate(start, to, rateAt(start)));
    return List.copyOf(pieces);
  }

  /**
   * {@code M = floor(sum over pieces of S * rate * seconds / (10000 * 365 * 86400))}: one floor for
   * the whole period, so a period across a step date is not rounded twice.
   */
  public Minting mint(TokenAmount supplyAtStart, Instant from, Instant to) {
    Checks.notNull(supplyAtStart, "supply at start");
    List<AppliedRate> pieces = ratesBetween(from, to);
    BigInteger rateTimesNanos = BigInteger.ZERO;
    for (AppliedRate piece : pieces) {
      rateTimesNanos =
          rateTimesNanos.add(
              BigInteger.valueOf(piece.rateBps()).multiply(nanosBetween(piece.from(), piece.to())));
    }
    BigInteger minted = supplyAtStart.baseUnits().multiply(rateTimesNanos).divide(DENOMINATOR);
    return new Minting(from, to, supplyAtStart, pieces, TokenAmount.ofBaseUnits(minted));
  }

  static void checkPeriod(Instant from, Instant to) {
    Checks.notNull(from, "period start");
    Checks.notNull(to, "period end");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "a period must end after it starts: from " + from + " to " + to);
    }
  }

  private static BigInteger nanosBetween(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return BigInteger.valueOf(d.getSeconds())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(d.getNano()));
  }
}
