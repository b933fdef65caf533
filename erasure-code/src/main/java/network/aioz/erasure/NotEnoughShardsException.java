package network.aioz.erasure;

/** Fewer than k shards survive, so the missing ones cannot be rebuilt; no shard was changed. */
public final class NotEnoughShardsException extends RuntimeException {

  private final int present;
  private final int needed;

  NotEnoughShardsException(int present, int needed) {
    super(
        "cannot reconstruct: "
            + present
            + " shard(s) present, at least "
            + needed
            + " needed (the number of data shards)");
    this.present = present;
    this.needed = needed;
  }

  /** How many shards were present. */
  public int present() {
    return present;
  }

  /** How many shards are needed: the number of data shards. */
  public int needed() {
    return needed;
  }
}
