package network.aioz.billing.simulation;

/** The process "dies" here: whatever the step's transaction wrote is rolled back. */
final class SimulatedCrash extends RuntimeException {
  SimulatedCrash() {
    super("simulated crash", null, false, false);
  }
}
