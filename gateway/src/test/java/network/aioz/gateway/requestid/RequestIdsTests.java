package network.aioz.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTests {

  @ParameterizedTest
  @ValueSource(strings = {"a", "0af7651916cd43dd8448eb211c80319c", "req_1.2-3", "Z"})
  void acceptsIdsOfTheAllowedAlphabet(String id) {
    assertThat(RequestIds.isAcceptable(id)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "a b", "a\nb", "a:b", "a/b", "ü", "a\u0000"})
  void rejectsMissingOrUnsafeIds(String id) {
    assertThat(RequestIds.isAcceptable(id)).isFalse();
  }

  @Test
  void acceptsAtMost128Characters() {
    assertThat(RequestIds.isAcceptable("x".repeat(128))).isTrue();
    assertThat(RequestIds.isAcceptable("x".repeat(129))).isFalse();
  }

  @Test
  void generatesDistinctAcceptableIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = RequestIds.generate();
      assertThat(RequestIds.isAcceptable(id)).as(id).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(1000);
  }
}
