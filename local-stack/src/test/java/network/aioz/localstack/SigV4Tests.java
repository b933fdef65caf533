package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signatures of the Amazon S3 API reference's SigV4 header examples. */
class SigV4Tests {

  private static final Instant MAY_24_2013 = Instant.parse("2013-05-24T00:00:00Z");

  private static String signature(String query) {
    String authorization =
        SigV4.sign(
                "GET",
                "examplebucket.s3.amazonaws.com",
                "/",
                query,
                "us-east-1",
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                MAY_24_2013)
            .get("Authorization");
    assertThat(authorization)
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=");
    return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
  }

  @Test
  void getBucketLifecycleExample() {
    assertThat(signature("lifecycle="))
        .isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  }

  @Test
  void listObjectsExample() {
    assertThat(signature("max-keys=2&prefix=J"))
        .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }
}
