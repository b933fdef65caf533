package network.aioz.storage.s3.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Adapts a servlet request; {@code getRequestURI()} is already the raw, still-encoded path. */
public final class ServletRequestView implements RequestView {

  private final HttpServletRequest request;

  public ServletRequestView(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String rawPath() {
    return request.getRequestURI();
  }

  @Override
  public String rawQuery() {
    return request.getQueryString();
  }

  @Override
  public List<String> headerValues(String lowerCaseName) {
    var values = request.getHeaders(lowerCaseName);
    return values == null ? List.of() : Collections.list(values);
  }

  @Override
  public Collection<String> headerNames() {
    var names = request.getHeaderNames();
    return names == null ? List.of() : Collections.list(names);
  }
}
