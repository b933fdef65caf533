package network.aioz.ledger.edge;

import java.util.SplittableRandom;
import network.aioz.ledger.assignment.Assigner;
import network.aioz.ledger.assignment.AssignerSettings;
import network.aioz.ledger.reputation.ReputationSettings;
import network.aioz.ledger.support.LedgerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The assignment index and reputation settings, built from the ledger's settings. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

  @Bean
  Assigner assigner(LedgerProperties settings) {
    SplittableRandom random =
        settings.assignmentSeed() == 0
            ? new SplittableRandom()
            : new SplittableRandom(settings.assignmentSeed());
    return new Assigner(AssignerSettings.defaults(), random);
  }

  @Bean
  ReputationSettings reputationSettings(LedgerProperties settings) {
    LedgerProperties.Reputation r = settings.reputation();
    return new ReputationSettings(
        r.lambda(),
        r.weight(),
        r.initialAlpha(),
        0.0,
        r.vettingAudits(),
        r.auditDisqualification(),
        r.unknownSuspension(),
        r.suspensionGrace());
  }
}
