package network.aioz.benchmarks.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures object storage on a running local stack through the gateway, with the AWS SDK v2 and its
 * default settings (aws-chunked bodies with CRC32 trailers): a large object's PUT and GET next to a
 * plain file copy and read of the same bytes on the same disk, small-object PUT/s and GET/s, and
 * the storage service's peak heap during the large PUT (sampled from its actuator). After each
 * phase it prints the CPU seconds each part of the stack spent (from {@code /proc}), since on one
 * machine the driver, services, broker, database and edges share the same cores.
 *
 * <p>Usage: {@code S3Throughput --stack <local-stack data dir> [--size-mib 1024] [--small 4000]
 * [--small-size 4096] [--threads 32] [--warmup-mib 256] [--work-dir /tmp/aioz-s3-bench] [--keep]}
 */
public final class S3Throughput {

  private static final double MIB = 1024.0 * 1024.0;

  public static void main(String[] rawArgs) throws Exception {
    List<String> args = new ArrayList<>();
    for (String a : rawArgs) {
      args.addAll(List.of(a.trim().split("\\s+")));
    }
    Path stack = Path.of(option(args, "--stack", ".local-stack"));
    long sizeMiB = Long.parseLong(option(args, "--size-mib", "1024"));
    int small = Integer.parseInt(option(args, "--small", "4000"));
    int smallSize = Integer.parseInt(option(args, "--small-size", "4096"));
    int threads = Integer.parseInt(option(args, "--threads", "32"));
    long warmupMiB = Long.parseLong(option(args, "--warmup-mib", "256"));
    Path work =
        Path.of(
            option(args, "--work-dir", System.getProperty("java.io.tmpdir") + "/aioz-s3-bench"));

    JsonNode endpoints =
        JsonMapper.builder().build().readTree(stack.resolve("endpoints.json").toFile());
    JsonNode s3 = endpoints.at("/credentials/s3");
    String endpoint = s3.get("endpoint").asString();
    JsonNode key = s3.get("keys").get(0);
    String storageUrl = endpoints.at("/services/storage-service").asString(null);
    System.out.printf("endpoint %s, storage service %s%n", endpoint, storageUrl);

    Files.createDirectories(work);
    Path source = work.resolve("object.bin");
    Path copy = work.resolve("copy.bin");
    Path downloaded = work.resolve("downloaded.bin");
    long size = sizeMiB * 1024 * 1024;
    long expectedCrc = writeRandom(source, size);

    double copyMiBs =
        timed(
            "plain file copy",
            size,
            () -> Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING));
    double readMiBs = timed("plain file read", size, () -> readAll(source));
    Files.deleteIfExists(copy);

    String bucket = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client client = client(endpoint, s3.get("region").asString("us-east-1"), key)) {
      client.createBucket(b -> b.bucket(bucket));
      try {

        warmUp(client, bucket, warmupMiB, work);

        HeapSampler heap = new HeapSampler(storageUrl);
        heap.start();
        double putMiBs =
            timed(
                "S3 PUT " + sizeMiB + " MiB",
                size,
                () ->
                    client.putObject(
                        b -> b.bucket(bucket).key("large"), RequestBody.fromFile(source)));
        long peakHeap = heap.stop();

        AtomicLong crc = new AtomicLong();
        double getMiBs =
            timed(
                "S3 GET " + sizeMiB + " MiB",
                size,
                () -> {
                  try (ResponseInputStream<GetObjectResponse> in =
                      client.getObject(b -> b.bucket(bucket).key("large"))) {
                    crc.set(drain(in));
                  }
                });
        if (crc.get() != expectedCrc) {
          throw new IllegalStateException("the object read back differs from what was written");
        }
        Files.deleteIfExists(downloaded);

        byte[] payload = new byte[smallSize];
        new Random(7).nextBytes(payload);
        double putRate =
            rate(
                "PUT " + smallSize + " B",
                small,
                threads,
                i ->
                    client.putObject(
                        b -> b.bucket(bucket).key("small/" + i), RequestBody.fromBytes(payload)));
        double getRate =
            rate(
                "GET " + smallSize + " B",
                small,
                threads * 2,
                i -> {
                  byte[] got =
                      client
                          .getObjectAsBytes(b -> b.bucket(bucket).key("small/" + (i % small)))
                          .asByteArray();
                  if (got.length != smallSize) {
                    throw new IllegalStateException("short read");
                  }
                });

        System.out.println();
        System.out.println("| figure | target | measured | baseline |");
        System.out.println("|---|---|---|---|");
        System.out.printf(
            Locale.ROOT,
            "| PUT of a %d MiB object through the gateway | >= 50%% of the copy | %.0f MiB/s (%.0f%%) | file copy %.0f MiB/s |%n",
            sizeMiB,
            putMiBs,
            100 * putMiBs / copyMiBs,
            copyMiBs);
        System.out.printf(
            Locale.ROOT,
            "| GET of a %d MiB object through the gateway | >= 70%% of the read | %.0f MiB/s (%.0f%%) | file read %.0f MiB/s |%n",
            sizeMiB,
            getMiBs,
            100 * getMiBs / readMiBs,
            readMiBs);
        System.out.printf(
            Locale.ROOT,
            "| %d B PUT/s (%d threads) | >= 2,000 | %.0f | |%n",
            smallSize,
            threads,
            putRate);
        System.out.printf(
            Locale.ROOT,
            "| %d B GET/s (%d threads) | >= 5,000 | %.0f | |%n",
            smallSize,
            threads * 2,
            getRate);
        System.out.printf(
            Locale.ROOT,
            "| storage-service peak heap used during the PUT | <= 256 MiB | %s | |%n",
            peakHeap < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", peakHeap / MIB));
      } finally {
        if (!args.contains("--keep")) {
          deleteBucket(client, bucket);
        }
      }
    } finally {
      Files.deleteIfExists(source);
    }
  }

  /**
   * Deletes what the run stored, so repeated runs do not pile gigabytes onto the edges (every
   * stored piece is challenged again and again by the proof service).
   */
  private static void deleteBucket(S3Client client, String bucket) {
    int deleted = 0;
    for (var page : client.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(1000))) {
      List<ObjectIdentifier> keys =
          page.contents().stream()
              .map(o -> ObjectIdentifier.builder().key(o.key()).build())
              .toList();
      if (!keys.isEmpty()) {
        client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
        deleted += keys.size();
      }
    }
    client.deleteBucket(b -> b.bucket(bucket));
    System.out.printf(
        "deleted bucket %s and its %d objects (--keep keeps them)%n", bucket, deleted);
  }

  /**
   * Puts and reads back an object and a few hundred small ones first, so that every JVM on the path
   * (the services' and the edges', each compiling its own hot code) is measured warm.
   */
  private static void warmUp(S3Client client, String bucket, long mib, Path work) throws Exception {
    if (mib <= 0) {
      return;
    }
    Path file = work.resolve("warmup.bin");
    writeRandom(file, mib * 1024 * 1024);
    timed(
        "warm-up PUT + GET " + mib + " MiB",
        2 * mib * 1024 * 1024,
        () -> {
          client.putObject(b -> b.bucket(bucket).key("warmup"), RequestBody.fromFile(file));
          try (ResponseInputStream<GetObjectResponse> in =
              client.getObject(b -> b.bucket(bucket).key("warmup"))) {
            drain(in);
          }
        });
    Files.deleteIfExists(file);
    byte[] payload = new byte[4096];
    rate(
        "warm-up small PUT + GET",
        500,
        8,
        i -> {
          client.putObject(
              b -> b.bucket(bucket).key("warmup/" + i), RequestBody.fromBytes(payload));
          client.getObjectAsBytes(b -> b.bucket(bucket).key("warmup/" + i));
        });
  }

  private static S3Client client(String endpoint, String region, JsonNode key) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    key.get("accessKeyId").asString(), key.get("secretAccessKey").asString())))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .httpClientBuilder(
            ApacheHttpClient.builder().maxConnections(256).socketTimeout(Duration.ofMinutes(5)))
        .build();
  }

  interface Step {
    void run() throws Exception;
  }

  interface Indexed {
    void run(int i) throws Exception;
  }

  private static double timed(String what, long bytes, Step step) throws Exception {
    CpuAccount cpu = CpuAccount.start();
    long start = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double mibs = bytes / MIB / seconds;
    System.out.printf(Locale.ROOT, "%-28s %8.2f s  %8.1f MiB/s%n", what, seconds, mibs);
    System.out.println(cpu.summary(seconds));
    return mibs;
  }

  private static double rate(String what, int count, int threads, Indexed op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong done = new AtomicLong();
    CpuAccount cpu = CpuAccount.start();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      futures.add(
          pool.submit(
              () -> {
                op.run(n);
                long d = done.incrementAndGet();
                if (d % 1000 == 0) {
                  System.out.printf("  %s: %d/%d%n", what, d, count);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    double perSecond = count / seconds;
    System.out.printf(Locale.ROOT, "%-28s %8.2f s  %8.0f /s%n", what, seconds, perSecond);
    System.out.println(cpu.summary(seconds));
    return perSecond;
  }

  private static long writeRandom(Path file, long size) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(42);
    CRC32C crc = new CRC32C();
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += block.length) {
        random.nextBytes(block);
        int n = (int) Math.min(block.length, size - written);
        out.write(block, 0, n);
        crc.update(block, 0, n);
      }
    }
    return crc.getValue();
  }

  private static void readAll(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      drain(in);
    }
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    CRC32C crc = new CRC32C();
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      crc.update(buffer, 0, n);
    }
    return crc.getValue();
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }

  /** Samples the storage service's used heap from its actuator every 100 ms. */
  static final class HeapSampler {
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong peak = new AtomicLong(-1);
    private Thread thread;

    HeapSampler(String base) {
      this.base = base;
    }

    void start() {
      if (base == null) {
        return;
      }
      running.set(true);
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    JsonMapper json = JsonMapper.builder().build();
                    while (running.get()) {
                      try {
                        String body =
                            http.send(
                                    HttpRequest.newBuilder(
                                            URI.create(
                                                base
                                                    + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString())
                                .body();
                        long used =
                            (long) json.readTree(body).at("/measurements/0/value").asDouble();
                        peak.accumulateAndGet(used, Math::max);
                        Thread.sleep(100);
                      } catch (IOException | RuntimeException e) {
                        // the service may be busy; the next sample will do
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    long stop() throws InterruptedException {
      running.set(false);
      if (thread != null) {
        thread.join();
      }
      return peak.get();
    }
  }
}
