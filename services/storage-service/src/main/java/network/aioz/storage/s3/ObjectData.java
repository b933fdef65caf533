package network.aioz.storage.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import network.aioz.storage.data.Blob;
import network.aioz.storage.data.BlobReader;
import network.aioz.storage.data.BlobRepository;
import network.aioz.storage.data.DataKeys;
import network.aioz.storage.object.ObjectVersion;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Component;

/** Reads the bytes of an object version across its parts. */
@Component
class ObjectData {

  private final BlobRepository blobs;
  private final BlobReader reader;

  ObjectData(BlobRepository blobs, BlobReader reader) {
    this.blobs = blobs;
    this.reader = reader;
  }

  /** An object's blobs with their data keys, checked against the customer key before any byte. */
  Opened open(ObjectVersion version, DataKeys.CustomerKey customerKey) {
    Map<UUID, Blob> found = new HashMap<>();
    Map<UUID, byte[]> keys = new HashMap<>();
    for (ObjectVersion.ObjectPart part : version.parts()) {
      Blob blob =
          blobs
              .find(part.blobId())
              .orElseThrow(() -> new IllegalStateException("blob " + part.blobId() + " is gone"));
      try {
        keys.put(blob.id(), reader.dataKey(blob, customerKey));
      } catch (IllegalArgumentException e) {
        throw new S3Exception(S3ErrorCode.InvalidRequest, e.getMessage());
      }
      found.put(blob.id(), blob);
    }
    return new Opened(version, found, keys);
  }

  final class Opened {
    private final ObjectVersion version;
    private final Map<UUID, Blob> blobsById;
    private final Map<UUID, byte[]> keys;

    Opened(ObjectVersion version, Map<UUID, Blob> blobsById, Map<UUID, byte[]> keys) {
      this.version = version;
      this.blobsById = blobsById;
      this.keys = keys;
    }

    Blob first() {
      return version.parts().isEmpty() ? null : blobsById.get(version.parts().getFirst().blobId());
    }

    /** Writes bytes {@code [from, from + length)} of the object. */
    void write(long from, long length, OutputStream out) throws IOException {
      long to = from + length;
      for (ObjectVersion.ObjectPart part : version.parts()) {
        long partEnd = part.offset() + part.size();
        if (partEnd <= from || part.offset() >= to) {
          continue;
        }
        long start = Math.max(from, part.offset()) - part.offset();
        long end = Math.min(to, partEnd) - part.offset();
        reader.read(blobsById.get(part.blobId()), keys.get(part.blobId()), start, end - start, out);
      }
    }
  }
}
