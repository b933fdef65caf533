package network.aioz.ledger.task;

/** The kinds of work an edge does. */
public enum TaskKind {
  STORE,
  DELIVER,
  PIN,
  TRANSCODE,
  INFER
}
