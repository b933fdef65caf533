package network.aioz.erasure;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Run in a JVM started without the Vector API module: prints what create() chose and if it works.
 */
final class FallbackProbe {

  private FallbackProbe() {}

  public static void main(String[] args) {
    ReedSolomon code = ReedSolomon.create(10, 4);
    byte[][] original = Shards.encoded(code, new SplittableRandom(5), 0, 1000);
    byte[][] shards = Shards.copy(original);
    boolean[] present = Shards.erase(shards, 4, new SplittableRandom(6));
    code.reconstruct(shards, present, 0, 1000);
    System.out.println(code.implementation());
    boolean rebuilt = true;
    for (int i = 0; i < shards.length; i++) {
      rebuilt &= Arrays.equals(shards[i], 0, 1000, original[i], 0, 1000);
    }
    System.out.println("rebuilt=" + rebuilt);
  }
}
