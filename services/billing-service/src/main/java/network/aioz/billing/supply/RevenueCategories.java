package network.aioz.billing.supply;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which burn term a service's revenue feeds ({@code R_depin}, {@code R_infra}, {@code R_dapp} of
 * {@code B_t}): {@code billing.supply.categories} maps service to category, e.g. {@code
 * storage:depin,pin:depin,stream:depin,ai:depin}; a service not listed is DePIN revenue.
 */
@Component
class RevenueCategories {

  enum Category {
    DEPIN,
    INFRA,
    DAPP
  }

  private final Map<String, Category> byService = new TreeMap<>();

  RevenueCategories(
      @Value("${billing.supply.categories:storage:depin,pin:depin,stream:depin,ai:depin}")
          String mapping) {
    for (String entry : mapping.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "billing.supply.categories: '" + trimmed + "' is not service:category");
      }
      String category = trimmed.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
      try {
        byService.put(trimmed.substring(0, colon).strip(), Category.valueOf(category));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "billing.supply.categories: unknown category '"
                + category.toLowerCase(Locale.ROOT)
                + "' (depin, infra or dapp)");
      }
    }
  }

  /** The income's revenue summed per category (every category present, zero when none). */
  Map<Category, BigInteger> sum(PeriodIncome income) {
    Map<Category, BigInteger> sums = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      sums.put(c, BigInteger.ZERO);
    }
    income
        .revenueByService()
        .forEach(
            (service, amount) ->
                sums.merge(
                    byService.getOrDefault(service, Category.DEPIN), amount, BigInteger::add));
    return sums;
  }
}
