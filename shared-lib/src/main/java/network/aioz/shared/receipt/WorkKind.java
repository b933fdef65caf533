package network.aioz.shared.receipt;

/** The kind of work a receipt pays for; {@link #code()} is the {@code uint8} in the leaf. */
public enum WorkKind {
  STORE(0),
  DELIVER(1),
  PIN(2),
  TRANSCODE(3),
  INFER(4);

  private final int code;

  WorkKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static WorkKind ofCode(int code) {
    for (WorkKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown work kind code: " + code);
  }
}
