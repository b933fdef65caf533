package network.aioz.storage.s3.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A mutable {@link RequestView} for tests; header names are matched case-insensitively. */
final class TestRequest implements RequestView {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();

  TestRequest(String method, String rawPath, String rawQuery) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
  }

  static TestRequest of(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    return q < 0
        ? new TestRequest(method, rawPath, null)
        : new TestRequest(method, rawPath.substring(0, q), rawPath.substring(q + 1));
  }

  TestRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  TestRequest set(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    return this;
  }

  TestRequest remove(String name) {
    headers.remove(name.toLowerCase(Locale.ROOT));
    return this;
  }

  TestRequest withQuery(String query) {
    TestRequest copy = new TestRequest(method, rawPath, query);
    headers.forEach((k, v) -> copy.headers.put(k, new ArrayList<>(v)));
    return copy;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headerValues(String lowerCaseName) {
    return headers.getOrDefault(lowerCaseName.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public Collection<String> headerNames() {
    return headers.keySet();
  }
}
