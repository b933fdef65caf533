package network.aioz.ledger;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every ledger integration test shares: the real ledger on a random port
 * against the test JVM's shared PostgreSQL and Kafka broker (see {@link LedgerTestInfra}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ledger.epoch-length=PT3S",
      "ledger.epoch-grace=PT0.5S",
      "ledger.seal-interval=PT0.3S",
      "ledger.uptime-check-interval=PT1H",
      "ledger.assignment-sweep-interval=PT1S",
      "ledger.reputation.vetting-audits=2",
      "ledger.max-task-attempts=3",
      "ledger.task-deadline=PT15S",
      "ledger.deadline-sweep-interval=PT1S",
      "platform.outbox.poll-interval=50ms"
    })
@ContextConfiguration(initializers = LedgerTestInfra.class)
public @interface LedgerIntegrationTest {}
