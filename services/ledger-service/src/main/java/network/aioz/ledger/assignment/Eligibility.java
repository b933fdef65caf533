package network.aioz.ledger.assignment;

/** Whether a node takes its full share of work or only the small share that lets it be vetted. */
public enum Eligibility {
  ACTIVE,
  VETTING
}
