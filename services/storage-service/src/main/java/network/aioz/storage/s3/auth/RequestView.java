package network.aioz.storage.s3.auth;

import java.util.Collection;
import java.util.List;

/** The parts of an HTTP request that SigV4 signs, independent of the server technology. */
public interface RequestView {

  String method();

  /** The request path exactly as sent, still percent-encoded, without the query. */
  String rawPath();

  /** The query exactly as sent (without {@code ?}), or {@code null} when there is none. */
  String rawQuery();

  /** Every value of the header, in arrival order; empty when absent. */
  List<String> headerValues(String lowerCaseName);

  /** The header names present, in any case. */
  Collection<String> headerNames();

  /** The first value of the header, or {@code null}. */
  default String header(String lowerCaseName) {
    List<String> values = headerValues(lowerCaseName);
    return values.isEmpty() ? null : values.getFirst();
  }
}
