package network.aioz.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts one platform service inside a load driver's JVM. */
public final class InProcessService {

  private InProcessService() {}

  /**
   * Runs {@code application} with its own {@code application.yml} (other modules on the driver's
   * classpath have one too) and {@code settings} as command-line arguments, so they win over it.
   */
  public static ConfigurableApplicationContext start(
      Class<?> application, Map<String, Object> settings) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("spring.config.location", "file:" + ownConfig(application));
    all.putAll(settings);
    return new SpringApplicationBuilder(application)
        .logStartupInfo(false)
        .run(
            all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  /** The application's application.yml, copied out of its jar (or classes directory). */
  private static Path ownConfig(Class<?> application) throws IOException {
    URL location = application.getProtectionDomain().getCodeSource().getLocation();
    Path source;
    try {
      source = Path.of(location.toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Path copy = Files.createTempFile(application.getSimpleName() + "-", ".yml");
    copy.toFile().deleteOnExit();
    if (Files.isDirectory(source)) {
      Files.copy(source.resolve("application.yml"), copy, StandardCopyOption.REPLACE_EXISTING);
    } else {
      try (JarFile jar = new JarFile(source.toFile());
          InputStream in = jar.getInputStream(jar.getEntry("application.yml"))) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return copy;
  }
}
