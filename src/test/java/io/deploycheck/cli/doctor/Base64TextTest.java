package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploycheck.diagnosis.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base64TextTest {
  private static final String KUBECONFIG = Kubeconfigs.token("https://127.0.0.1:6443");

  @Test
  void oneLineWithTrailingNewlineDecodesWithoutWarning() {
    Base64Text.Decoded decoded = Base64Text.decode("KUBECONFIG_DATA", Kubeconfigs.base64(KUBECONFIG) + "\n");

    assertThat(decoded.text()).isEqualTo(KUBECONFIG);
    assertThat(decoded.warning()).isNull();
  }

  @Test
  void gnuBase64WithoutW0DecodesButIsWarnedAbout() {
    Base64Text.Decoded decoded = Base64Text.decode("KUBECONFIG_DATA", Kubeconfigs.wrapped(KUBECONFIG));

    assertThat(decoded.text()).isEqualTo(KUBECONFIG);
    assertThat(decoded.warning()).isEqualTo("KUBECONFIG_DATA is wrapped every 76 characters (base64 without -w 0);"
        + " it decodes, but store it on one line: base64 -w 0");
  }

  @Test
  void wrappingAtAnotherWidthIsNamed() {
    String wrapped = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.UTF_8))
        .encodeToString(KUBECONFIG.getBytes(StandardCharsets.UTF_8));

    assertThat(Base64Text.decode("KUBECONFIG_DATA", wrapped).warning()).contains("wrapped every 64 characters");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "YXBp dmVy|is not base64: a space at position 5 is not a base64 character",
      "YXBp*dmVy|is not base64: '*' at position 5 is not a base64 character",
      "YXBp_dmVy|uses the URL-safe base64 alphabet ('_' at position 5)",
      "YXBpd|is 5 characters long, not a multiple of 4: the '=' padding is missing or the value was cut short",
      "YXBpdmVyc2lvbg|is 14 characters long, not a multiple of 4",
      "YQ==YQ==|has '=' padding inside the text",
      "'   '|is empty"})
  void garbageIsToldApartFromWrapping(String value, String expected) {
    assertThatThrownBy(() -> Base64Text.decode("KUBECONFIG_DATA", value))
        .isInstanceOfSatisfying(CheckFailure.class, f -> {
          assertThat(f.reason()).isEqualTo(Reason.KubeconfigInvalid);
          assertThat(f.detail()).startsWith("KUBECONFIG_DATA ").contains(expected);
        });
  }

  @Test
  void aStrayCharacterInWrappedTextIsPlacedByLineAndColumn() {
    String wrapped = Kubeconfigs.wrapped(KUBECONFIG);
    int secondLine = wrapped.indexOf('\n') + 1;
    String broken = wrapped.substring(0, secondLine + 3) + "#" + wrapped.substring(secondLine + 4);

    assertThatThrownBy(() -> Base64Text.decode("KUBECONFIG_DATA", broken))
        .hasMessageContaining("'#' at line 2, column 4");
  }

  @Test
  void rawYamlIsNamedAsSuch() {
    assertThatThrownBy(() -> Base64Text.decode("KUBECONFIG_DATA", KUBECONFIG))
        .hasMessage("KUBECONFIG_DATA holds the kubeconfig YAML itself, not its base64 encoding");
  }

  @Test
  void encodingTwiceIsNamed() {
    assertThatThrownBy(() -> Base64Text.decode("KUBECONFIG_DATA", Kubeconfigs.base64(Kubeconfigs.base64(KUBECONFIG))))
        .hasMessage("KUBECONFIG_DATA decodes to base64 text again: the kubeconfig was encoded twice");
  }

  @Test
  void binaryIsNotTakenForText() {
    String gzipMagic = Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00});

    assertThatThrownBy(() -> Base64Text.decode("KUBECONFIG_DATA", gzipMagic))
        .hasMessage("KUBECONFIG_DATA decodes to 4 bytes of binary data, not kubeconfig text");
  }
}
