package network.aioz.billing.supply;

import java.time.Instant;
import network.aioz.billing.metering.PeriodClose;
import network.aioz.billing.metering.PeriodClosedListener;
import network.aioz.billing.metering.PeriodCloser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Settles the supply of every period as it closes, in the close's transaction. A period nobody used
 * has no row of its own, yet it still mints: the periods between the last settled one and this one
 * are closed (and so settled) first, so the chain of supply reports has no gaps. Off with {@code
 * billing.supply.settle-on-close=false} (tests that close unrelated periods).
 */
@Component
@ConditionalOnProperty(name = "billing.supply.settle-on-close", matchIfMissing = true)
class SupplyOnClose implements PeriodClosedListener {

  private final SupplyBook book;
  private final ObjectProvider<PeriodCloser> closer;

  SupplyOnClose(SupplyBook book, ObjectProvider<PeriodCloser> closer) {
    this.book = book;
    this.closer = closer;
  }

  @Override
  public void closed(PeriodClose close) {
    Instant next = book.latest().map(SupplyBook.Report::to).orElse(close.startsAt());
    while (next.isBefore(close.startsAt())) {
      // closing an unused period settles it through this listener, then the chain moves on
      closer.getObject().closePeriod(closer.getObject().periodIdAt(next));
      next = book.latest().orElseThrow().to();
    }
    if (next.isAfter(close.startsAt())) {
      return; // settled before the chain reached it: a period closed out of order is not minted
      // twice
    }
    book.settle(
        new PeriodIncome(
            close.periodId(),
            close.startsAt(),
            close.endsAt(),
            close.revenueByService(),
            close.revenueByParty()));
  }
}
