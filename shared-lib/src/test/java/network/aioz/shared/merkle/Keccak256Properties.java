package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.web3j.crypto.Hash;

/** Our Keccak-256 against web3j's (BouncyCastle's), across block boundaries and for pairs. */
class Keccak256Properties {

  @Property(tries = 500)
  void hashEqualsWeb3jForAnyLength(@ForAll @Size(max = 600) byte[] input) {
    byte[] out = new byte[40];
    new Keccak256().hash(input, 0, input.length, out, 5);
    assertThat(Arrays.copyOfRange(out, 5, 37)).isEqualTo(Hash.sha3(input));
  }

  @Property(tries = 200)
  void hashPairEqualsHashOfTheConcatenation(@ForAll @Size(value = 64) byte[] pair) {
    byte[] out = new byte[32];
    new Keccak256().hashPair(pair, 0, pair, 32, out, 0);
    assertThat(out).isEqualTo(Hash.sha3(pair));
  }

  @Property(tries = 50)
  void aReusedHasherForgetsThePreviousInput(
      @ForAll @Size(max = 300) byte[] first, @ForAll @Size(max = 300) byte[] second) {
    Keccak256 hasher = new Keccak256();
    byte[] out = new byte[32];
    hasher.hash(first, 0, first.length, out, 0);
    hasher.hash(second, 0, second.length, out, 0);
    assertThat(out).isEqualTo(Hash.sha3(second));
  }
}
