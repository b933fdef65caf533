package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.junit.jupiter.api.Test;

/** The canonical forms of path, query and header values. */
class CanonicalTests {

  @Test
  void pathIsDecodedThenEncodedOnce() {
    assertThat(Canonical.path("")).isEqualTo("/");
    assertThat(Canonical.path("/")).isEqualTo("/");
    assertThat(Canonical.path("/b/test$file.text")).isEqualTo("/b/test%24file.text");
    assertThat(Canonical.path("/b/test%24file.text")).isEqualTo("/b/test%24file.text");
    assertThat(Canonical.path("/b/a%20b+c~d")).isEqualTo("/b/a%20b%2Bc~d");
    assertThat(Canonical.path("/b/%7e%2f%e2%82%ac")).isEqualTo("/b/~/%E2%82%AC");
    assertThat(Canonical.path("/b/\u20ac")).isEqualTo("/b/%E2%82%AC");
    assertThat(Canonical.path("/b//./x/../y")).isEqualTo("/b//./x/../y");
  }

  @Test
  void queryIsDecodedEncodedAndSorted() {
    var params = Canonical.parseQuery("prefix=a+b&list-type=2&acl&marker=%7Ex%2Fy&b=2&b=1");
    assertThat(Canonical.query(params))
        .isEqualTo("acl=&b=1&b=2&list-type=2&marker=~x%2Fy&prefix=a%20b");
    assertThat(Canonical.query(Canonical.parseQuery(null))).isEmpty();
  }

  @Test
  void malformedPercentEncodingIsInvalidUri() {
    S3Exception e = catchThrowableOfType(S3Exception.class, () -> Canonical.path("/b/%zz"));
    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidURI);
    assertThat(catchThrowableOfType(S3Exception.class, () -> Canonical.parseQuery("a=%4")))
        .isNotNull();
  }

  @Test
  void headerValuesAreTrimmedCollapsedAndJoined() {
    assertThat(Canonical.headerValue(List.of("  a   b  c ", "d"))).isEqualTo("a b c,d");
    assertThat(Canonical.headerValue(List.of())).isEmpty();
  }
}
