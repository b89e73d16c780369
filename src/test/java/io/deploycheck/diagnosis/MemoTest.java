package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoTest {
  @Test
  void computesEachInputOnceAndRemembersNullResults() {
    List<String> calls = new ArrayList<>();
    Memo<String> memo = new Memo<>(10, s -> {
      calls.add(s);
      return s.startsWith("x") ? null : s.toUpperCase();
    });
    assertThat(memo.apply("a")).isEqualTo("A");
    assertThat(memo.apply("a")).isEqualTo("A");
    assertThat(memo.apply("xyz")).isNull();
    assertThat(memo.apply("xyz")).isNull();
    assertThat(calls).containsExactly("a", "xyz");
  }

  @Test
  void staysBoundedByStartingOverWhenFull() {
    List<String> calls = new ArrayList<>();
    Memo<Integer> memo = new Memo<>(2, s -> {
      calls.add(s);
      return s.length();
    });
    memo.apply("a");
    memo.apply("bb");
    memo.apply("ccc");
    memo.apply("a");
    assertThat(calls).containsExactly("a", "bb", "ccc", "a");
  }
}
