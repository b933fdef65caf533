package network.aioz.identity.siwe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.aioz.identity.support.Addresses;

/**
 * An EIP-4361 message, parsed by its ABNF: header line with the optional scheme and the domain, the
 * EIP-55 address, an optional one-line statement between blank lines, then {@code URI}, {@code
 * Version}, {@code Chain ID}, {@code Nonce}, {@code Issued At} and the optional {@code Expiration
 * Time}, {@code Not Before}, {@code Request ID} and {@code Resources}, in that order, separated by
 * LF. Without a statement the ABNF has two blank lines after the address; the one blank line that
 * older siwe libraries write is accepted too.
 */
record SiweMessage(
    String scheme,
    String domain,
    String address,
    String statement,
    URI uri,
    String version,
    long chainId,
    String nonce,
    OffsetDateTime issuedAt,
    OffsetDateTime expirationTime,
    OffsetDateTime notBefore,
    String requestId,
    List<URI> resources) {

  static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
  private static final int MAX_LENGTH = 16 * 1024;
  private static final Pattern HEADER =
      Pattern.compile(
          "(?:([A-Za-z][A-Za-z0-9+.\\-]*)://)?([A-Za-z0-9\\-._~%!$&'()*+,;=:@\\[\\]]+)"
              + Pattern.quote(HEADER_SUFFIX));
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern STATEMENT = Pattern.compile("[\\x20-\\x7E]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-._~%!$&'()*+,;=:@]*");

  static SiweMessage parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new MalformedSiweException("message is required");
    }
    if (text.length() > MAX_LENGTH) {
      throw new MalformedSiweException("message is longer than " + MAX_LENGTH + " characters");
    }
    if (text.indexOf('\r') >= 0) {
      throw new MalformedSiweException("message lines must end with LF only");
    }
    Lines lines = new Lines(text.split("\n", -1));
    Matcher header = HEADER.matcher(lines.next("header"));
    if (!header.matches()) {
      throw new MalformedSiweException("first line must be '<domain>" + HEADER_SUFFIX + "'");
    }
    String address = lines.next("address");
    if (!ADDRESS.matcher(address).matches()) {
      throw new MalformedSiweException("second line must be a 0x-prefixed 20-byte address");
    }
    if (!Addresses.isChecksummed(address)) {
      throw new MalformedSiweException("address is not in its EIP-55 checksummed form");
    }
    lines.expectBlank("after the address");
    String statement = null;
    if (!lines.peek().startsWith("URI: ")) {
      String line = lines.next("statement");
      if (!line.isEmpty()) {
        if (!STATEMENT.matcher(line).matches()) {
          throw new MalformedSiweException("statement has characters outside printable ASCII");
        }
        statement = line;
        lines.expectBlank("after the statement");
      }
    }
    URI uri = uri(lines.field("URI"), "URI");
    String version = lines.field("Version");
    if (!DIGITS.matcher(version).matches()) {
      throw new MalformedSiweException("Version must be a number");
    }
    String chain = lines.field("Chain ID");
    if (!DIGITS.matcher(chain).matches()) {
      throw new MalformedSiweException("Chain ID must be a decimal number");
    }
    String nonce = lines.field("Nonce");
    if (!NONCE.matcher(nonce).matches()) {
      throw new MalformedSiweException("Nonce must be at least 8 alphanumeric characters");
    }
    OffsetDateTime issuedAt = time(lines.field("Issued At"), "Issued At");
    OffsetDateTime expiration =
        lines.hasField("Expiration Time")
            ? time(lines.field("Expiration Time"), "Expiration Time")
            : null;
    OffsetDateTime notBefore =
        lines.hasField("Not Before") ? time(lines.field("Not Before"), "Not Before") : null;
    String requestId = null;
    if (lines.hasField("Request ID")) {
      requestId = lines.field("Request ID");
      if (!REQUEST_ID.matcher(requestId).matches()) {
        throw new MalformedSiweException("Request ID has characters a URI path cannot have");
      }
    }
    List<URI> resources = new ArrayList<>();
    if (lines.hasMore() && lines.peek().equals("Resources:")) {
      lines.next("Resources");
      while (lines.hasMore() && lines.peek().startsWith("- ")) {
        resources.add(uri(lines.next("resource").substring(2), "resource"));
      }
    }
    if (lines.hasMore()) {
      throw new MalformedSiweException(
          "unexpected line " + (lines.position + 1) + " after the message's fields");
    }
    return new SiweMessage(
        header.group(1),
        header.group(2),
        address,
        statement,
        uri,
        version,
        Long.parseLong(chain),
        nonce,
        issuedAt,
        expiration,
        notBefore,
        requestId,
        List.copyOf(resources));
  }

  private static URI uri(String value, String what) {
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()) {
        throw new MalformedSiweException(what + " must be an absolute URI");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new MalformedSiweException(what + " is not a URI");
    }
  }

  private static OffsetDateTime time(String value, String what) {
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new MalformedSiweException(what + " must be an RFC 3339 date-time");
    }
  }

  /** The message's lines with a cursor. */
  private static final class Lines {
    private final String[] lines;
    private int position;

    Lines(String[] lines) {
      this.lines = lines;
    }

    boolean hasMore() {
      return position < lines.length;
    }

    String peek() {
      return hasMore() ? lines[position] : "";
    }

    String next(String what) {
      if (!hasMore()) {
        throw new MalformedSiweException("message ends before its " + what);
      }
      return lines[position++];
    }

    void expectBlank(String where) {
      if (!next("blank line " + where).isEmpty()) {
        throw new MalformedSiweException("a blank line must follow " + where.substring(6));
      }
    }

    boolean hasField(String name) {
      return hasMore() && peek().startsWith(name + ": ");
    }

    String field(String name) {
      String line = next(name);
      if (!line.startsWith(name + ": ")) {
        throw new MalformedSiweException("expected '" + name + ": ' at line " + position);
      }
      return line.substring(name.length() + 2);
    }
  }
}
