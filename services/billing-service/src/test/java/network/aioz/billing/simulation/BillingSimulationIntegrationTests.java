package network.aioz.billing.simulation;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized runs of the whole billing service with crashes between and inside steps (see
 * {@link Simulation}). Each run prints its seed; {@code -Dbilling.sim.seed=<seed>} replays one,
 * {@code -Dbilling.sim.runs} and {@code -Dbilling.sim.steps} run more.
 */
class BillingSimulationIntegrationTests {

  @Test
  void everyInvariantHoldsAfterEveryStepWhateverCrashes() {
    String fixed = System.getProperty("billing.sim.seed");
    int runs = Integer.getInteger("billing.sim.runs", 2);
    int steps = Integer.getInteger("billing.sim.steps", 300);
    SplittableRandom seeds = new SplittableRandom();
    for (int run = 0; run < (fixed == null ? runs : 1); run++) {
      long seed = fixed == null ? seeds.nextLong() : Long.parseLong(fixed);
      System.out.println("billing simulation: seed " + seed + ", " + steps + " steps");
      new Simulation(seed).run(steps);
    }
  }
}
