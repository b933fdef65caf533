package network.aioz.chain.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context the adapter's integration tests share: the real service on a random port,
 * the test JVM's PostgreSQL and Kafka, and a real chain ({@link TestChain#shared()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = network.aioz.chain.ChainAdapterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChainAdapterTestInfra.class)
public @interface ChainAdapterIntegrationTest {}
