package network.aioz.edge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTests {

  @ParameterizedTest
  @CsvSource({
    "bytes=0-99, 0, 99",
    "bytes=10-, 10, 999",
    "bytes=990-5000, 990, 999",
    "bytes=-100, 900, 999",
    "bytes=-5000, 0, 999",
    "BYTES=5-5, 5, 5"
  })
  void readsSatisfiableRanges(String header, long first, long last) throws Exception {
    assertThat(ByteRange.parse(header, 1000)).contains(new ByteRange(first, last));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0"})
  void rangesOutsideThePieceAreUnsatisfiable(String header) {
    assertThatThrownBy(() -> ByteRange.parse(header, 1000))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"items=0-5", "bytes=5-1", "bytes=a-b", "bytes=0-1,5-6", "bytes=", "0-5"})
  void malformedOrMultipleRangesAreIgnored(String header) throws Exception {
    assertThat(ByteRange.parse(header, 1000)).isEmpty();
  }

  @Test
  void noHeaderMeansTheWholePiece() throws Exception {
    assertThat(ByteRange.parse(null, 1000)).isEqualTo(Optional.empty());
  }

  @Test
  void anEmptyPieceHasNoSatisfiableSuffix() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
