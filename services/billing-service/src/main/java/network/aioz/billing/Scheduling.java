package network.aioz.billing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service's periodic jobs (hold expiry, charge runs, period closes, dedup retention) run unless
 * {@code billing.scheduling.enabled=false}: the seeded simulation drives every job itself, step by
 * step, so that a seed replays exactly.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "billing.scheduling.enabled", matchIfMissing = true)
class Scheduling {}
