package network.aioz.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for a small footprint: one machine runs some twenty JVMs, so serial GC, small stacks
 * and capped heaps; a class-data-sharing archive per application (created on the first run, used
 * from the second) shortens restarts. Compilation stays tiered (C1 and C2), as in production: the
 * data path hashes, encrypts and codes every byte, and only C2 has the SHA, AES-GCM and vector
 * intrinsics (measured: an edge under C1 alone spent three quarters of its CPU in a Java SHA-256
 * loop, and the 14 edges together more CPU than every service put together).
 */
final class JvmFlags {

  private JvmFlags() {}

  /** The heap bound first, then any other options the service needs. */
  static List<String> spring(List<String> options, Path archive) {
    List<String> flags = lean(options.getFirst(), archive);
    flags.addAll(options.subList(1, options.size()));
    flags.add("-XX:ReservedCodeCacheSize=64m");
    return flags;
  }

  /**
   * Options of a control-plane service (identity, webhooks, billing, chain adapter: requests and
   * events, no bulk hashing or coding): C1 only. Nine Spring services start at once on a
   * developer's cores, and C2's compiler threads compete with every other JVM's startup.
   */
  static List<String> controlPlane(String heap) {
    return List.of(heap, "-XX:TieredStopAtLevel=1");
  }

  /**
   * A Spring service whose hot loop is Vector API code (Reed–Solomon coding): the vector module (C2
   * turns vector operations into SIMD instructions).
   */
  static List<String> vectorSpring(List<String> options, Path archive) {
    List<String> flags = new ArrayList<>(spring(options, archive));
    flags.add("--add-modules=jdk.incubator.vector");
    return flags;
  }

  static List<String> edge(Path archive) {
    List<String> flags = lean("-Xmx64m", archive);
    // A small initial heap: an idle edge then touches ~10 MiB less (measured: 97 -> 87 MiB RSS).
    flags.add("-Xms8m");
    flags.add("-XX:ReservedCodeCacheSize=32m");
    flags.add("-XX:MaxDirectMemorySize=32m");
    // one C1 and one C2 thread, the fewest tiered compilation allows
    flags.add("-XX:CICompilerCount=2");
    return flags;
  }

  private static List<String> lean(String heap, Path archive) {
    List<String> flags = new ArrayList<>();
    flags.add(heap);
    flags.add("-XX:+UseSerialGC");
    flags.add("-Xss512k");
    flags.add("-XX:+AutoCreateSharedArchive");
    flags.add("-XX:SharedArchiveFile=" + archive);
    flags.add("-Xlog:cds=off");
    flags.add("-Xlog:cds+dynamic=off");
    return flags;
  }
}
