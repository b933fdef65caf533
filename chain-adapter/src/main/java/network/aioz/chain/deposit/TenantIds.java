package network.aioz.chain.deposit;

import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.merkle.Bytes32;

/**
 * How a platform tenant id travels in the contract's {@code bytes32 tenant}: 16 zero bytes, then
 * the UUID's 16 bytes, most significant first — the convention of task ids in work receipts ({@code
 * bytes32(uint256(uint128(uuid)))} in Solidity; {@code 0x} + 32 zeros + the UUID's hex digits
 * without dashes).
 */
public final class TenantIds {

  private TenantIds() {}

  public static byte[] toBytes32(UUID tenant) {
    return Bytes32.ofUuid(tenant).toArray();
  }

  /** The tenant, or empty when the value is not one (its first 16 bytes are not zero). */
  public static Optional<UUID> fromBytes32(byte[] value) {
    return value.length == Bytes32.LENGTH ? Bytes32.of(value).toUuid() : Optional.empty();
  }
}
