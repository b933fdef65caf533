package network.aioz.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class S3TrafficTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3.localhost",
        "s3.localhost:8080",
        "photos.s3.localhost:8080",
        "a.b.s3.example.com",
        "S3.EXAMPLE.COM"
      })
  void recognisesS3Hosts(String host) {
    assertThat(S3Traffic.isS3Host(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:8080",
        "s3",
        "s3bucket.localhost",
        "mys3.example.com",
        "127.0.0.1:8080",
        "[::1]:8080",
        ""
      })
  void leavesOtherHostsAlone(String host) {
    assertThat(S3Traffic.isS3Host(host)).isFalse();
  }

  @Test
  void recognisesSigV4HeadersAndPresignedQueries() {
    assertThat(
            S3Traffic.matches(
                MockServerHttpRequest.get("http://127.0.0.1/v1/edges")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=a/b, Signature=c")
                    .build()))
        .isTrue();
    assertThat(
            S3Traffic.matches(
                MockServerHttpRequest.get("http://127.0.0.1/b/k?X-Amz-Credential=a%2Fb").build()))
        .isTrue();
    assertThat(S3Traffic.isPresigned("prefix=X-Amz-Algorithm&list-type=2")).isFalse();
    assertThat(
            S3Traffic.matches(
                MockServerHttpRequest.get("http://127.0.0.1/v1/edges")
                    .header("Authorization", "Bearer eyJ")
                    .build()))
        .isFalse();
  }

  @Test
  void readsTheClaimedAccessKeyIdFromHeaderOrPresignedQuery() {
    assertThat(
            S3Traffic.accessKeyId(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.get("/b/k")
                    .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKAZEXAMPLE123456789/20260101/us-east-1/s3/"
                            + "aws4_request, SignedHeaders=host, Signature=abc")
                    .build()))
        .contains("AKAZEXAMPLE123456789");
    assertThat(
            S3Traffic.accessKeyId(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.method(
                        org.springframework.http.HttpMethod.GET,
                        java.net.URI.create(
                            "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKAZ1234%2F2026"
                                + "0101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab"))
                    .build()))
        .contains("AKAZ1234");
    assertThat(
            S3Traffic.accessKeyId(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.method(
                        org.springframework.http.HttpMethod.GET,
                        java.net.URI.create("/b/k?X-Amz-Credential=%3Cscript%3E%2Fx"))
                    .build()))
        .isEmpty();
  }
}
