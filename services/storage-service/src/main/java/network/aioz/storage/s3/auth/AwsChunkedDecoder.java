package network.aioz.storage.s3.auth;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * Decodes {@code aws-chunked} framing as it streams ({@code hex-size[;chunk-signature=sig]\r\n data
 * \r\n}, a final 0-size chunk, then optional trailer lines), verifying chunk and trailer
 * signatures. Memory stays bounded: one header line, one chunk digest, a few trailer lines. The
 * bytes of a chunk are handed out before its signature can be checked; the read that completes a
 * chunk verifies it, and -1 comes only after the final chunk, the length and the trailer all
 * checked out.
 */
final class AwsChunkedDecoder extends InputStream {

  static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
  static final int MAX_LINE = 4096;
  static final int MAX_TRAILERS = 8;
  private static final String SIGNATURE_EXTENSION = "chunk-signature=";
  private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

  private final InputStream in;
  private final PayloadMode mode;
  private final ChunkSigner signer;
  private final long decodedLength;
  private final Set<String> announcedTrailers;
  private final Map<String, String> trailers = new LinkedHashMap<>();

  private long remainingInChunk;
  private long currentChunkSize;
  private long total;
  private String chunkSignature;
  private MessageDigest chunkDigest;
  private boolean finished;
  private RuntimeException failure;

  AwsChunkedDecoder(
      InputStream raw,
      PayloadMode mode,
      ChunkSigner signer,
      long decodedLength,
      Set<String> announcedTrailers) {
    this.in = new BufferedInputStream(raw, 16 * 1024);
    this.mode = mode;
    this.signer = signer;
    this.decodedLength = decodedLength;
    this.announcedTrailers = announcedTrailers;
  }

  /** The trailer headers (lower-case names) once the body has ended. */
  Map<String, String> trailers() {
    return Map.copyOf(trailers);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (finished) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      while (remainingInChunk == 0) {
        if (!nextChunk()) {
          finished = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
      if (n < 0) {
        throw incomplete("The request body ended inside a chunk.");
      }
      if (chunkDigest != null) {
        chunkDigest.update(b, off, n);
      }
      remainingInChunk -= n;
      if (remainingInChunk == 0) {
        endChunk();
      }
      return n;
    } catch (S3Exception e) {
      failure = e;
      throw e;
    }
  }

  /** Reads the next chunk header; false after the final chunk and trailer were verified. */
  private boolean nextChunk() throws IOException {
    String line = readLine(true);
    String sizePart = line;
    String signature = null;
    int semicolon = line.indexOf(';');
    if (semicolon >= 0) {
      sizePart = line.substring(0, semicolon);
      String extension = line.substring(semicolon + 1).strip();
      if (!extension.startsWith(SIGNATURE_EXTENSION) || !mode.chunkSigned()) {
        throw invalid("Unexpected chunk extension.");
      }
      signature = extension.substring(SIGNATURE_EXTENSION.length());
    }
    long size = parseSize(sizePart.strip());
    if (mode.chunkSigned() && !Crypto.isLowerHex64(signature)) {
      throw invalid("Missing or malformed chunk-signature.");
    }
    if (total + size > decodedLength) {
      throw incomplete("The chunks are longer than x-amz-decoded-content-length.");
    }
    if (size > 0) {
      remainingInChunk = size;
      currentChunkSize = size;
      chunkSignature = signature;
      chunkDigest = mode.chunkSigned() ? Crypto.sha256() : null;
      return true;
    }
    if (mode.chunkSigned() && !signer.verifyChunk(Crypto.EMPTY_SHA256, signature)) {
      throw chunkSignatureMismatch();
    }
    if (total != decodedLength) {
      throw incomplete(
          "The chunks carried "
              + total
              + " bytes; x-amz-decoded-content-length is "
              + decodedLength
              + ".");
    }
    if (mode.trailer()) {
      readTrailers();
    } else {
      String end = readLine(false);
      if (end != null && !end.isEmpty()) {
        throw invalid("Unexpected data after the final chunk.");
      }
    }
    if (in.read() != -1) {
      throw invalid("Unexpected data after the final chunk.");
    }
    return false;
  }

  private void endChunk() throws IOException {
    int cr = in.read();
    int lf = cr < 0 ? -1 : in.read();
    if (cr < 0 || lf < 0) {
      throw incomplete("The request body ended after a chunk's data.");
    }
    if (cr != '\r' || lf != '\n') {
      throw invalid("A chunk's data is not followed by CRLF.");
    }
    total += currentChunkSize;
    if (chunkDigest != null) {
      String hash = Crypto.HEX.formatHex(chunkDigest.digest());
      if (!signer.verifyChunk(hash, chunkSignature)) {
        throw chunkSignatureMismatch();
      }
    }
  }

  private long parseSize(String hex) {
    if (hex.isEmpty() || hex.length() > 8) {
      throw invalid("Invalid chunk size.");
    }
    long size;
    try {
      size = Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw invalid("Invalid chunk size.");
    }
    if (size > MAX_CHUNK_SIZE) {
      throw invalid("Chunk size " + size + " exceeds the limit of " + MAX_CHUNK_SIZE + " bytes.");
    }
    return size;
  }

  private void readTrailers() throws IOException {
    StringBuilder canonical = new StringBuilder();
    String trailerSignature = null;
    int lines = 0;
    while (true) {
      String line = readLine(false);
      if (line == null || line.isEmpty()) {
        break;
      }
      if (++lines > MAX_TRAILERS) {
        throw invalid("Too many trailing headers.");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw invalid("Malformed trailing header.");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (trailerSignature != null) {
        throw invalid("x-amz-trailer-signature must be the last trailing header.");
      }
      if (name.equals(TRAILER_SIGNATURE)) {
        trailerSignature = value;
        continue;
      }
      if (!announcedTrailers.contains(name)) {
        throw invalid("The trailing header " + name + " was not announced in x-amz-trailer.");
      }
      if (trailers.putIfAbsent(name, value) != null) {
        throw invalid("The trailing header " + name + " was sent twice.");
      }
      canonical.append(name).append(':').append(value).append('\n');
    }
    if (!trailers.keySet().containsAll(announcedTrailers)) {
      throw incomplete("A trailing header announced in x-amz-trailer was not received.");
    }
    if (mode.chunkSigned()) {
      String hash = Crypto.sha256Hex(canonical.toString());
      if (!Crypto.isLowerHex64(trailerSignature) || !signer.verifyTrailer(hash, trailerSignature)) {
        throw new S3Exception(
            S3ErrorCode.SignatureDoesNotMatch,
            "The trailer signature we calculated does not match the signature you provided.");
      }
    } else if (trailerSignature != null) {
      throw invalid("x-amz-trailer-signature is not expected for an unsigned payload.");
    }
  }

  /**
   * Reads a CRLF-terminated line of at most {@link #MAX_LINE} bytes. At end of stream: null when
   * {@code required} is false and nothing was read, IncompleteBody otherwise.
   */
  private String readLine(boolean required) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (!required && line.size() == 0) {
          return null;
        }
        throw incomplete("The request body ended inside a chunk header.");
      }
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
          throw invalid("A chunk header line must end with CRLF.");
        }
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
      }
      if (line.size() >= MAX_LINE) {
        throw invalid("A chunk header line exceeds " + MAX_LINE + " bytes.");
      }
      line.write(c);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static S3Exception incomplete(String message) {
    return new S3Exception(S3ErrorCode.IncompleteBody, message);
  }

  private static S3Exception invalid(String message) {
    return new S3Exception(S3ErrorCode.InvalidRequest, "Invalid aws-chunked body: " + message);
  }

  private static S3Exception chunkSignatureMismatch() {
    return new S3Exception(
        S3ErrorCode.SignatureDoesNotMatch,
        "The chunk signature we calculated does not match the signature you provided.");
  }
}
