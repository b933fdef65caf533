package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import network.aioz.shared.amount.TokenAmount;
import org.junit.jupiter.api.Test;

class FeeSplitterTests {

  private static final SplitRules RULES = SplitRules.defaults();

  @Test
  void storageFeeGivesTheLeftoverUnitToTheLargestRemainder() {
    // 10,001 × 7000/10000 = 7000.7, × 1000/10000 = 1000.1, × 2000/10000 = 2000.2:
    // floors 0 + 7000 + 1000 + 2000 = 10,000, one unit left, edges have the largest remainder (.7).
    Split split = RULES.split("storage", units(10_001), true);

    assertThat(split.parts()).containsExactlyEntriesOf(parts(0, 7001, 1000, 2000));
    assertThat(split.ruleId()).isEqualTo("storage-v1");
    assertThat(split.input()).isEqualTo(units(10_001));
  }

  @Test
  void streamFeeWithCreatorIsExactForWholeTokens() {
    // 1 token = 10^18: 20 % / 50 % / 10 % / 20 % are exact.
    Split split = RULES.split("stream", TokenAmount.ofWhole(1), true);

    assertThat(split.part(Party.CREATOR)).isEqualTo(TokenAmount.parse("0.2"));
    assertThat(split.part(Party.EDGES)).isEqualTo(TokenAmount.parse("0.5"));
    assertThat(split.part(Party.VALIDATORS)).isEqualTo(TokenAmount.parse("0.1"));
    assertThat(split.part(Party.TREASURY)).isEqualTo(TokenAmount.parse("0.2"));
  }

  @Test
  void withoutACreatorTheCreatorShareGoesToTheOthersInProportion() {
    // stream 2000/5000/1000/2000 without creator: weights 5000/1000/2000 of 8000.
    // 1000 → 625 / 125 / 250.
    assertThat(RULES.split("stream", units(1000), false).parts())
        .containsExactlyEntriesOf(parts(0, 625, 125, 250));
    // 7 → 4.375 / 0.875 / 1.75: floors 4 + 0 + 1 = 5, two units left, to the remainders
    // .875 (validators) and .75 (treasury): 4 / 1 / 2.
    assertThat(RULES.split("stream", units(7), false).parts())
        .containsExactlyEntriesOf(parts(0, 4, 1, 2));
  }

  @Test
  void tiesGoToTheEarlierParty() {
    // 3 × 2500/10000 = 0.75 each, all remainders equal: creator, edges, validators get one.
    SplitRule even = new SplitRule("even-v1", "test", 2500, 2500, 2500, 2500);

    assertThat(FeeSplitter.split(units(3), even, true).parts())
        .containsExactlyEntriesOf(parts(1, 1, 1, 0));
  }

  @Test
  void aiFeeOfOneBaseUnitGoesToTheEdges() {
    // ai 1000/6000/1000/2000 of 1 unit: all floors 0, largest remainder is edges (.6).
    assertThat(RULES.split("ai", units(1), true).parts())
        .containsExactlyEntriesOf(parts(0, 1, 0, 0));
  }

  @Test
  void rulesMustSumToTenThousandBasisPoints() {
    assertThatThrownBy(() -> new SplitRule("bad-v1", "storage", 0, 7000, 1000, 1999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad-v1")
        .hasMessageContaining("must sum to 10000 basis points, got 9999");
    assertThatThrownBy(() -> new SplitRule("neg-v1", "storage", -1, 7001, 1000, 2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative share");
    assertThatThrownBy(() -> new SplitRule("all-v1", "stream", 10_000, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("everything to the creator");
    assertThatThrownBy(() -> new SplitRule(" ", "stream", 0, 10_000, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id must not be blank");
  }

  @Test
  void anUnknownServiceIsRefused() {
    assertThatThrownBy(() -> RULES.split("video", units(1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no split rule for service 'video'; known services: [ai, pin, storage, stream]");
  }

  @Test
  void aServiceCannotHaveTwoRules() {
    var first = new SplitRule("storage-v1", "storage", 0, 7000, 1000, 2000);
    var second = new SplitRule("storage-v2", "storage", 0, 6000, 2000, 2000);

    assertThatThrownBy(() -> SplitRules.of(List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two split rules for service 'storage'");
  }

  @Test
  void aSplitThatDoesNotAddUpCannotBeMade() {
    assertThatThrownBy(() -> new Split("storage-v1", "storage", units(10), true, parts(0, 7, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 9 base units, not the input 10");
  }

  static TokenAmount units(long baseUnits) {
    return TokenAmount.ofBaseUnits(baseUnits);
  }

  private static Map<Party, TokenAmount> parts(
      long creator, long edges, long validators, long treasury) {
    return new EnumMap<>(
        Map.of(
            Party.CREATOR, units(creator),
            Party.EDGES, units(edges),
            Party.VALIDATORS, units(validators),
            Party.TREASURY, units(treasury)));
  }
}
