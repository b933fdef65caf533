package network.aioz.ledger.assignment;

/**
 * How the {@link Assigner} chooses.
 *
 * @param minReputation nodes below this score get no new work
 * @param vettingShare fraction of picks offered to vetting nodes first (Storj gives new nodes a
 *     small share so their audits can accumulate)
 * @param sampleAttempts random draws per pick before falling back to a scan of the candidates
 */
public record AssignerSettings(double minReputation, double vettingShare, int sampleAttempts) {

  public AssignerSettings {
    if (!(minReputation >= 0.0 && minReputation <= 1.0)) {
      throw new IllegalArgumentException("minReputation must be in [0,1]: " + minReputation);
    }
    if (!(vettingShare >= 0.0 && vettingShare <= 1.0)) {
      throw new IllegalArgumentException("vettingShare must be in [0,1]: " + vettingShare);
    }
    if (sampleAttempts < 2) {
      throw new IllegalArgumentException("sampleAttempts must be >= 2: " + sampleAttempts);
    }
  }

  public static AssignerSettings defaults() {
    return new AssignerSettings(0.5, 0.05, 32);
  }
}
