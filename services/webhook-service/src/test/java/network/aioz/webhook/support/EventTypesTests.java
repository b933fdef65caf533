package network.aioz.webhook.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EventTypesTests {

  private static EventTypes bind(Map<String, String> settings) {
    WebhookProperties properties =
        new Binder(new MapConfigurationPropertySource(settings))
            .bindOrCreate("webhook", WebhookProperties.class);
    return new EventTypes(properties);
  }

  @Test
  void billingAccountEventsAreKnownWithoutConfiguration() {
    EventTypes types = bind(Map.of());
    assertThat(types.publicType("network.aioz.billing.BalanceLow")).hasValue("balance.low");
    assertThat(types.publicType("network.aioz.billing.PaymentReceived"))
        .hasValue("payment.received");
    assertThat(types.publicType("network.aioz.billing.FundsExhausted")).hasValue("funds.exhausted");
    assertThat(types.publicType("network.aioz.billing.FundsRestored")).hasValue("funds.restored");
    assertThat(types.all())
        .containsExactly(
            "balance.low", "funds.exhausted", "funds.restored", "payment.received", "webhook.test");
    assertThat(types.isKnown("funds.exhausted")).isTrue();
  }

  @Test
  void configuredTypesAddToTheBuiltInOnesAndMayRenameThem() {
    EventTypes types =
        bind(
            Map.of(
                "webhook.event-types.[network.aioz.storage.ObjectCreated]",
                "storage.object.created",
                "webhook.event-types.[network.aioz.billing.BalanceLow]",
                "account.balance_low"));
    assertThat(types.publicType("network.aioz.storage.ObjectCreated"))
        .hasValue("storage.object.created");
    assertThat(types.publicType("network.aioz.billing.BalanceLow")).hasValue("account.balance_low");
    assertThat(types.isKnown("balance.low")).isFalse();
    assertThat(types.publicType("network.aioz.billing.FundsRestored")).hasValue("funds.restored");
    assertThat(types.publicType("network.aioz.billing.Unknown")).isEmpty();
  }
}
