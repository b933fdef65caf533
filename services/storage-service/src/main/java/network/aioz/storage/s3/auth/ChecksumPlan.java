package network.aioz.storage.s3.auth;

import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * What the body must match, read from the headers before the body: Content-MD5, one
 * x-amz-checksum-* value or one checksum announced as a trailer.
 */
record ChecksumPlan(
    byte[] contentMd5,
    Map<ChecksumAlgorithm, String> headerValues,
    Set<String> announcedTrailers,
    Set<ChecksumAlgorithm> algorithmsToCompute) {

  static ChecksumPlan from(RequestView request, PayloadMode mode) {
    byte[] md5 = contentMd5(request.header("content-md5"));
    Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
    for (String name : request.headerNames()) {
      var algorithm = ChecksumAlgorithm.fromHeaderName(name);
      if (algorithm.isPresent()) {
        String lower = name.toLowerCase(Locale.ROOT);
        values.put(algorithm.get(), validate(algorithm.get(), request.header(lower)));
      }
    }
    Set<String> trailers = new LinkedHashSet<>();
    Set<ChecksumAlgorithm> compute = EnumSet.noneOf(ChecksumAlgorithm.class);
    compute.addAll(values.keySet());
    String trailerHeader = request.header("x-amz-trailer");
    if (mode.trailer() && trailerHeader != null && !trailerHeader.isBlank()) {
      for (String part : trailerHeader.split(",")) {
        String name = part.strip().toLowerCase(Locale.ROOT);
        ChecksumAlgorithm algorithm =
            ChecksumAlgorithm.fromHeaderName(name)
                .orElseThrow(
                    () ->
                        new S3Exception(
                            S3ErrorCode.InvalidRequest,
                            "The value specified in the x-amz-trailer header is not supported: "
                                + name));
        trailers.add(name);
        compute.add(algorithm);
      }
    }
    if (values.size() + trailers.size() > 1) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest,
          "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
    ChecksumAlgorithm.fromName(request.header("x-amz-sdk-checksum-algorithm"))
        .ifPresent(compute::add);
    return new ChecksumPlan(md5, Map.copyOf(values), Set.copyOf(trailers), Set.copyOf(compute));
  }

  /** The value itself when it is base64 of the algorithm's length; InvalidRequest otherwise. */
  static String validate(ChecksumAlgorithm algorithm, String value) {
    try {
      if (value != null
          && Base64.getDecoder().decode(value.strip()).length == algorithm.valueLength()) {
        return value.strip();
      }
    } catch (IllegalArgumentException e) {
      // falls through to the S3 error below
    }
    throw new S3Exception(
        S3ErrorCode.InvalidRequest, "Value for " + algorithm.headerName() + " header is invalid.");
  }

  private static byte[] contentMd5(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(header.strip());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the S3 error below
    }
    throw new S3Exception(S3ErrorCode.InvalidDigest);
  }
}
