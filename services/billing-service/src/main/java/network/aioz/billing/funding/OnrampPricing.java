package network.aioz.billing.funding;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-ramp's price of tokens, exact: fiat in integer minor units (cents; every currency is taken
 * to have two decimals), rates as exact decimal fractions, no floating point.
 *
 * <pre>
 * providerFee = ceil(fiat · bps / 10,000)                 (minor units)
 * net         = fiat − providerFee − networkFee           (must be positive)
 * tokens      = floor(net · 10^18 / (rate · 100))         (base units; rate in fiat per AIOZ)
 * </pre>
 *
 * The provider's fee is rounded up to the cent (the provider never receives less than its rate) and
 * tokens are rounded down to the base unit (the platform never credits more than was paid for).
 */
final class OnrampPricing {

  static final int MINOR_DIGITS = 2;
  private static final BigInteger MINOR_PER_UNIT = BigInteger.TEN.pow(MINOR_DIGITS);
  private static final BigInteger BASE_UNITS_PER_TOKEN = BigInteger.TEN.pow(18);
  private static final Pattern DECIMAL = Pattern.compile("(\\d{1,18})(?:\\.(\\d{1,18}))?");
  private static final Pattern FIAT = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,2}))?");

  /** A rate as an exact fraction of fiat per AIOZ, with the text it was configured as. */
  record Rate(String text, BigInteger numerator, BigInteger denominator) {}

  /** Everything a quote shows, before the tenant confirms it. */
  record Price(
      String currency,
      long fiatMinor,
      long providerFeeMinor,
      long networkFeeMinor,
      String rate,
      BigInteger tokens) {}

  private final Map<String, Rate> rates;
  private final int providerFeeBps;
  private final long networkFeeMinor;

  OnrampPricing(Map<String, String> rates, int providerFeeBps, String networkFee) {
    Map<String, Rate> parsed = new TreeMap<>();
    rates.forEach(
        (currency, text) -> {
          Rate rate = rate(text);
          if (rate == null || rate.numerator().signum() <= 0) {
            throw new IllegalArgumentException(
                "billing.onramp.rates." + currency + " must be a positive decimal: " + text);
          }
          parsed.put(currency.toUpperCase(java.util.Locale.ROOT), rate);
        });
    this.rates = Map.copyOf(parsed);
    this.providerFeeBps = providerFeeBps;
    Long fee = minorUnits(networkFee);
    if (fee == null) {
      throw new IllegalArgumentException(
          "billing.onramp.network-fee must be a fiat amount with at most 2 decimals: "
              + networkFee);
    }
    this.networkFeeMinor = fee;
  }

  static OnrampPricing of(FundingSettings.Onramp settings) {
    return new OnrampPricing(settings.rates(), settings.providerFeeBps(), settings.networkFee());
  }

  /** Whether quotes in {@code currency} (upper-case code) are offered. */
  boolean accepts(String currency) {
    return rates.containsKey(currency);
  }

  java.util.Set<String> currencies() {
    return rates.keySet();
  }

  /**
   * The price of buying with {@code fiatMinor} minor units of {@code currency}.
   *
   * @throws IllegalArgumentException when the currency is not offered or the fees take it all
   */
  Price price(String currency, long fiatMinor) {
    Rate rate = rates.get(currency);
    if (rate == null) {
      throw new IllegalArgumentException("currency " + currency + " is not offered");
    }
    BigInteger fiat = BigInteger.valueOf(fiatMinor);
    BigInteger[] fee =
        fiat.multiply(BigInteger.valueOf(providerFeeBps))
            .divideAndRemainder(BigInteger.valueOf(10_000));
    long providerFee = fee[0].longValueExact() + (fee[1].signum() > 0 ? 1 : 0);
    long net = fiatMinor - providerFee - networkFeeMinor;
    if (net <= 0) {
      throw new IllegalArgumentException(
          "fiatAmount does not cover the fees ("
              + format(providerFee)
              + " provider + "
              + format(networkFeeMinor)
              + " network)");
    }
    // net / (rate · 100) tokens = net · den / (num · 100) tokens
    BigInteger tokens =
        BigInteger.valueOf(net)
            .multiply(BASE_UNITS_PER_TOKEN)
            .multiply(rate.denominator())
            .divide(rate.numerator().multiply(MINOR_PER_UNIT));
    if (tokens.signum() <= 0) {
      throw new IllegalArgumentException("fiatAmount buys no tokens");
    }
    return new Price(currency, fiatMinor, providerFee, networkFeeMinor, rate.text(), tokens);
  }

  /** "100.00" → 10000; null when the text is not a non-negative amount with at most 2 decimals. */
  static Long minorUnits(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FIAT.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    String fraction = m.group(2) == null ? "" : m.group(2);
    return Long.parseLong(m.group(1)) * 100 + Long.parseLong((fraction + "00").substring(0, 2));
  }

  /** 10000 → "100.00". */
  static String format(long minor) {
    return (minor / 100) + "." + String.format("%02d", minor % 100);
  }

  private static Rate rate(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DECIMAL.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    String fraction = m.group(2) == null ? "" : m.group(2);
    return new Rate(
        text.strip(), new BigInteger(m.group(1) + fraction), BigInteger.TEN.pow(fraction.length()));
  }
}
