package network.aioz.chain.node;

import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Why the chain refused a call: the contract's custom error by name, with its arguments, decoded
 * from the revert data the node returns.
 *
 * @param error the error's name ({@code EpochAlreadyCommitted}, {@code Error} for a string reason,
 *     {@code Panic}), or {@code unknown}
 * @param arguments the decoded arguments, as text
 * @param data the raw revert data (0x hex; may be empty)
 */
public record Revert(String error, List<String> arguments, String data) {

  private static final Map<String, Signature> KNOWN =
      index(
          new Signature("Error", "Error(string)", List.of(new TypeReference<Utf8String>() {})),
          new Signature("Panic", "Panic(uint256)", List.of(new TypeReference<Uint256>() {})),
          new Signature(
              "EpochAlreadyCommitted",
              "EpochAlreadyCommitted(uint64)",
              List.of(new TypeReference<Uint64>() {})),
          new Signature(
              "PreviousCommitmentMismatch",
              "PreviousCommitmentMismatch(bytes32,bytes32)",
              List.of(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {})),
          new Signature(
              "AccessControlUnauthorizedAccount",
              "AccessControlUnauthorizedAccount(address,bytes32)",
              List.of(new TypeReference<Address>() {}, new TypeReference<Bytes32>() {})));

  public static final String EPOCH_ALREADY_COMMITTED = "EpochAlreadyCommitted";
  public static final String PREVIOUS_MISMATCH = "PreviousCommitmentMismatch";
  public static final String UNAUTHORIZED = "AccessControlUnauthorizedAccount";

  public Revert {
    arguments = List.copyOf(arguments);
  }

  /** Decodes revert data; data that names no known error gives {@code unknown}. */
  public static Revert decode(String data, String nodeMessage) {
    String hex = data == null ? "" : data;
    if (hex.length() >= 10) {
      Signature signature = KNOWN.get(hex.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
      if (signature != null) {
        try {
          @SuppressWarnings({"rawtypes", "unchecked"})
          List<Type> values =
              FunctionReturnDecoder.decode("0x" + hex.substring(10), (List) signature.parameters());
          List<String> arguments =
              values.stream()
                  .map(
                      v ->
                          v.getValue() instanceof byte[] bytes
                              ? Numeric.toHexString(bytes)
                              : String.valueOf(v.getValue()))
                  .toList();
          return new Revert(signature.name(), arguments, hex);
        } catch (RuntimeException malformed) {
          return new Revert(signature.name(), List.of(), hex);
        }
      }
    }
    return new Revert("unknown", nodeMessage == null ? List.of() : List.of(nodeMessage), hex);
  }

  public boolean is(String name) {
    return error.equals(name);
  }

  @Override
  public String toString() {
    return error + arguments;
  }

  private record Signature(String name, String text, List<TypeReference<?>> parameters) {
    String selector() {
      return Hash.sha3String(text).substring(0, 10);
    }
  }

  private static Map<String, Signature> index(Signature... signatures) {
    Map<String, Signature> byselector = new java.util.HashMap<>();
    for (Signature s : signatures) {
      byselector.put(s.selector(), s);
    }
    return Map.copyOf(byselector);
  }
}
