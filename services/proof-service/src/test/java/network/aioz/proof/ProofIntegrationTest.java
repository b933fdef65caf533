package network.aioz.proof;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every proof-service integration test shares: the real service on a random
 * port against the test JVM's shared PostgreSQL and Kafka broker, challenging every second.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "proof.tick=PT0.2S",
      "proof.challenge-timeout=PT1S",
      "proof.storage.interval=PT1S",
      "proof.storage.initial-delay=PT0.2S",
      "platform.outbox.poll-interval=50ms"
    })
@ContextConfiguration(initializers = ProofTestInfra.class)
public @interface ProofIntegrationTest {}
