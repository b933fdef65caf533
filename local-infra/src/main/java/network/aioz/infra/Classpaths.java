package network.aioz.infra;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The classpath a child JVM gets by default: the one this JVM runs with. */
final class Classpaths {

  private Classpaths() {}

  /**
   * This JVM's classpath with manifest-only jars expanded, because surefire launches tests with a
   * temporary booter jar whose manifest lists the real classpath and which it deletes when the test
   * JVM ends.
   */
  static String current() {
    String classPath = System.getProperty("java.class.path", "");
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      entries.add(entry);
      entries.addAll(manifestClassPath(Path.of(entry)));
    }
    return String.join(File.pathSeparator, entries);
  }

  static boolean onlyJars(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.isDirectory(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> manifestClassPath(Path jar) {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (value == null || value.isBlank()) {
        return List.of();
      }
      List<String> expanded = new ArrayList<>();
      URI base = jar.toAbsolutePath().getParent().toUri();
      for (String item : value.trim().split("\\s+")) {
        URI uri = base.resolve(item);
        expanded.add("file".equals(uri.getScheme()) ? Path.of(uri).toString() : item);
      }
      return expanded;
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }
}
