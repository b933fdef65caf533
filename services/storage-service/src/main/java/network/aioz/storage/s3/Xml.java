package network.aioz.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * S3's XML: a small writer for responses and a hardened reader for request bodies (no DTDs, no
 * external entities, bounded size and depth) that yields a tree of elements by local name.
 */
public final class Xml {

  public static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final int MAX_DEPTH = 16;
  private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  static {
    INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    INPUT.setProperty(XMLInputFactory.IS_COALESCING, true);
    try {
      INPUT.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (IllegalArgumentException ignored) {
      // not every StAX implementation knows the property; DTDs are off anyway
    }
  }

  private Xml() {}

  /** An element: its local name, trimmed text, and child elements. */
  public record Node(String name, String text, List<Node> children) {

    public Node child(String childName) {
      for (Node c : children) {
        if (c.name.equals(childName)) {
          return c;
        }
      }
      return null;
    }

    public List<Node> all(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    public String text(String childName) {
      Node c = child(childName);
      return c == null ? null : c.text;
    }
  }

  /**
   * Parses a request body of at most {@code maxBytes}.
   *
   * @throws S3Exception MalformedXML for anything that is not well-formed, too deep or too big;
   *     MissingRequestBodyError for an empty body
   */
  public static Node parse(InputStream in, int maxBytes) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new S3Exception(S3ErrorCode.MaxMessageLengthExceeded)
          .detail("MaxMessageLengthBytes", String.valueOf(maxBytes));
    }
    if (bytes.length == 0) {
      throw new S3Exception(S3ErrorCode.MissingRequestBodyError);
    }
    try {
      XMLStreamReader r = INPUT.createXMLStreamReader(new java.io.ByteArrayInputStream(bytes));
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT) {
            return element(r, 1);
          }
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof S3Exception s3) {
        throw s3;
      }
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    throw new S3Exception(S3ErrorCode.MalformedXML);
  }

  private static Node element(XMLStreamReader r, int depth) throws XMLStreamException {
    if (depth > MAX_DEPTH) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    String name = r.getLocalName();
    StringBuilder text = new StringBuilder();
    List<Node> children = new ArrayList<>();
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> children.add(element(r, depth + 1));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return new Node(name, text.toString().trim(), children);
        }
        default -> {}
      }
    }
    throw new S3Exception(S3ErrorCode.MalformedXML);
  }

  /** A response document under construction. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter w;

    private Writer(String root) {
      try {
        w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement(root);
        w.writeDefaultNamespace(NS);
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    private Writer(String root, boolean withNamespace) {
      try {
        w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement(root);
        if (withNamespace) {
          w.writeDefaultNamespace(NS);
        }
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    public static Writer document(String root) {
      return new Writer(root);
    }

    /** A document without the S3 namespace (error bodies have none). */
    public static Writer plain(String root) {
      return new Writer(root, false);
    }

    public Writer start(String name) {
      try {
        w.writeStartElement(name);
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    public Writer end() {
      try {
        w.writeEndElement();
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    /** {@code <name>value</name>}, skipped when value is null. */
    public Writer element(String name, Object value) {
      if (value == null) {
        return this;
      }
      try {
        w.writeStartElement(name);
        w.writeCharacters(value.toString());
        w.writeEndElement();
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    public byte[] toBytes() {
      try {
        w.writeEndDocument();
        w.close();
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return new String(toBytes(), StandardCharsets.UTF_8);
    }
  }
}
