package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagePatternsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
      "no basic auth credentials#no basic auth credentials",
      "repository with name '[^']*' does not exist#repository with name '",
      "Insufficient [\\w./-]+#\"Insufficient \"",
      "exit(?:ed with)?(?: code| status)? 127\\b#exit",
      "colou?r#colo",
      "\\bdenied#\"\""})
  void literalPrefixStopsAtTheFirstRegexConstruct(String regex, String prefix) {
    assertThat(MessagePatterns.literalPrefix(regex)).isEqualTo(prefix);
  }

  @Test
  void matchesCaseInsensitivelyAndReturnsEveryReasonShown() {
    MessagePatterns patterns = new MessagePatterns()
        .add(Reason.ImageNotFound, "not found")
        .add(Reason.RegistryAuthFailed, "401 Unauthorized", "insufficient_scope")
        .add(Reason.InsufficientResources, "Insufficient [\\w./-]+");
    assertThat(patterns.match("...: 401 UNAUTHORIZED ...: Not Found"))
        .containsExactly(Reason.ImageNotFound, Reason.RegistryAuthFailed);
    assertThat(patterns.best("...: 401 UNAUTHORIZED ...: Not Found")).isEqualTo(Reason.ImageNotFound);
    assertThat(patterns.match("0/3 nodes are available: 3 Insufficient memory.")).containsExactly(
        Reason.InsufficientResources);
    assertThat(patterns.match("Insufficient_scope")).containsExactly(Reason.RegistryAuthFailed);
    assertThat(patterns.match("")).isEmpty();
    assertThat(patterns.best(null)).isNull();
  }
}
