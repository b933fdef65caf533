package network.aioz.chain.deposit;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * How a platform tenant id travels in the contract's {@code bytes32 tenant}: 16 zero bytes, then
 * the UUID's 16 bytes, most significant first — the convention of task ids in work receipts ({@code
 * bytes32(uint256(uint128(uuid)))} in Solidity; {@code 0x} + 32 zeros + the UUID's hex digits
 * without dashes).
 */
public final class TenantIds {

  private TenantIds() {}

  public static byte[] toBytes32(UUID tenant) {
    return ByteBuffer.allocate(32)
        .putLong(16, tenant.getMostSignificantBits())
        .putLong(24, tenant.getLeastSignificantBits())
        .array();
  }

  /** The tenant, or empty when the value is not one (its first 16 bytes are not zero). */
  public static Optional<UUID> fromBytes32(byte[] value) {
    if (value.length != 32) {
      return Optional.empty();
    }
    for (int i = 0; i < 16; i++) {
      if (value[i] != 0) {
        return Optional.empty();
      }
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    return Optional.of(new UUID(buffer.getLong(16), buffer.getLong(24)));
  }
}
