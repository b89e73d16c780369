package io.deploycheck.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SafeTextTest {
  // Made-up credentials of the documented shapes (SecretPattern names the formats' sources).
  private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlc2ln";
  private static final String GITHUB = "ghp_" + "Ab1".repeat(12);

  /** One credential per row, in the context it leaks in; what stays visible around it. */
  static final Map<SecretPattern, String[]> EXAMPLES = Map.ofEntries(
      Map.entry(SecretPattern.PRIVATE_KEY, new String[] {
          "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow1234\n-----END RSA PRIVATE KEY----- done",
          "MIIEow1234", "key: " + SafeText.MASK + " done"}),
      Map.entry(SecretPattern.JWT, new String[] {"token " + JWT + " rejected", JWT, "token *** rejected"}),
      Map.entry(SecretPattern.EKS_TOKEN, new String[] {
          "exec returned k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u ok", "aHR0cHM6",
          "exec returned *** ok"}),
      Map.entry(SecretPattern.AWS_ACCESS_KEY_ID, new String[] {
          "InvalidClientTokenId: AKIAIOSFODNN7EXAMPLE is not valid", "AKIAIOSFODNN7EXAMPLE",
          "InvalidClientTokenId: *** is not valid"}),
      Map.entry(SecretPattern.GITHUB_TOKEN, new String[] {
          "clone with " + GITHUB + " failed", GITHUB, "clone with *** failed"}),
      Map.entry(SecretPattern.GITLAB_TOKEN, new String[] {
          "using glpat-xxxxxxxxxxxxxxxxxxxx1234 now", "glpat-xxxx", "using *** now"}),
      Map.entry(SecretPattern.DOCKER_HUB_TOKEN, new String[] {
          "docker login -u ci -p dckr_pat_abcdefghijklmnopqrstuvwxyz1", "dckr_pat_", "docker login -u ci -p ***"}),
      Map.entry(SecretPattern.SLACK_TOKEN, new String[] {
          "webhook xoxb-1234567890-abcdefghij sent", "xoxb-1234", "webhook *** sent"}),
      Map.entry(SecretPattern.GOOGLE_API_KEY, new String[] {
          "key AIzaSyA1234567890abcdefghijklmnopqrstuv used", "AIzaSy", "key *** used"}),
      Map.entry(SecretPattern.AUTHORIZATION, new String[] {
          "sent Authorization: Basic Y2k6aHVudGVyMg== to the registry", "Y2k6aHVudGVyMg",
          "sent Authorization: Basic *** to the registry"}),
      Map.entry(SecretPattern.URL_PASSWORD, new String[] {
          "Get \"https://ci:hunter2secret@registry.example.com/v2/\": denied", "hunter2secret",
          "Get \"https://ci:***@registry.example.com/v2/\": denied"}),
      Map.entry(SecretPattern.KEY_VALUE, new String[] {
          "connect failed: password=hunter2 user=ci", "hunter2", "connect failed: password=*** user=ci"}));

  @ParameterizedTest
  @EnumSource(SecretPattern.class)
  void masksEveryCredentialShapeAndKeepsItsContext(SecretPattern secret) {
    String[] example = EXAMPLES.get(secret);
    assertThat(example).as("an example for " + secret).isNotNull();
    assertThat(secret.pattern.matcher(example[0]).find()).as("the row itself matches").isTrue();
    String masked = SafeText.text(example[0], 1000);
    assertThat(masked).doesNotContain(example[1]);
    assertThat(masked.replace("\\n", "\n")).isEqualTo(example[2]);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Authorization: Bearer abc.def-123_456 | Authorization: Bearer ***",
      "curl -H 'Authorization: token ghx0123456789' | curl -H 'Authorization: token ***'",
      "token: abcdef123456 | token: ***",
      "\"client-key-data\": \"LS0tLS1CRUdJTi\" | \"client-key-data\": \"***\"",
      "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | AWS_SECRET_ACCESS_KEY=***",
      "{\"auths\":{\"r.io\":{\"auth\":\"Y2k6aHVudGVy\"}}} | {\"auths\":{\"r.io\":{\"auth\":\"***\"}}}",
      "https://x-access-token:ghs_0123456789abcdef0123456789abcd@github.com/o/r | https://x-access-token:***@github.com/o/r",
      "ASIAIOSFODNN7EXAMPLE | ***",
      "id-token=abc.def.ghi&refresh-token=zzz123 | id-token=***&refresh-token=***"})
  void masksCredentialsInTheirUsualPlaces(String input, String expected) {
    assertThat(SafeText.text(input, 1000)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // real kubelet, registry and guide lines that name credentials without holding one
      "no basic auth credentials",
      "denied: Your authorization token has expired. Reauthenticate and try again.",
      "MountVolume.SetUp failed for volume \"secret-volume\" : secret \"mysecret\" not found",
      "couldn't find key password in Secret kubeflow-user01/db",
      "aws ecr get-login-password --region ap-northeast-2 | docker login --username AWS --password-stdin x",
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1",
      "Basic authentication failed",
      "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
  void leavesOrdinaryMessagesAlone(String message) {
    assertThat(SafeText.text(message, 1000)).isEqualTo(message);
  }

  @Test
  void turnsTerminalEscapesIntoPrintableText() {
    String hostile = "clear\u001b[2J\u001b[H osc52 \u001b]52;c;ZWNobyBwd25lZA==\u0007 c1 \u009b31m bidi \u202e"
        + " del \u007f nul \u0000 line\nbreak\ttab";
    String shown = SafeText.text(hostile, 1000);
    assertThat(shown).isEqualTo("clear\\x1b[2J\\x1b[H osc52 \\x1b]52;c;ZWNobyBwd25lZA==\\x07 c1 \\u009b31m bidi"
        + " \\u202e del \\x7f nul \\x00 line\\nbreak\\ttab");
    assertThat(shown.chars()).noneMatch(SafeText::unsafe);
  }

  @Test
  void escapesTheSameCharactersInJson() throws Exception {
    String hostile = "a\u001b]52;c;x\u0007b\u009bc\u202ed\u007fe\nf";
    String json = SafeText.jsonMapper().writeValueAsString(Map.of("m", SafeText.json(hostile, 100)));
    assertThat(json.replace("\n", "").chars()).as("only the indentation breaks lines").noneMatch(SafeText::unsafe);
    assertThat(json).contains("\\u001B]52;c;x\\u0007b\\u009bc\\u202ed\\u007Fe\\nf");
    JsonNode back = SafeText.jsonMapper().readTree(json);
    assertThat(back.get("m").asText()).isEqualTo(hostile);
  }

  @Test
  void boundsTheResultAndSaysItWasCut() {
    String shown = SafeText.text("x".repeat(100_000_000), 2048);
    assertThat(shown).hasSize(2048).endsWith("...");
    assertThat(SafeText.text("abc", 2048)).isEqualTo("abc");
  }

  @Test
  void neverCutsAnEscapeInHalf() {
    String shown = SafeText.text("abcdef\u001b", 9);
    assertThat(shown).isEqualTo("abcdef...");
    assertThat(SafeText.text("ab\u009bcdefgh", 9)).isEqualTo("ab...");
  }

  @Test
  void masksACredentialThatStraddlesTheLimit() {
    String shown = SafeText.text("x".repeat(90) + " " + GITHUB + " tail", 100);
    assertThat(shown).doesNotContain("ghp_Ab1").hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void staysLinearOnLongAndPathologicalInput() {
    // 100,000 lines of near-misses for every row: prefixes without their tails, unterminated keys and URLs
    String line = "password password= Bearer eyJ eyJabcdefgh. ghp_ glpat- https://u:p http://a:b@ -----BEGIN"
        + " PUBLIC KEY----- AKIA token: \u001b[0m\n";
    String input = line.repeat(100_000);
    String masked = SafeText.mask(input);
    assertThat(masked.lines()).hasSize(100_000);
    assertThat(SafeText.text(input, Integer.MAX_VALUE - 2000)).doesNotContain("\u001b");
    String oneLongWord = "a".repeat(5_000_000);
    assertThat(SafeText.mask(oneLongWord)).isEqualTo(oneLongWord);
  }

  @Test
  void masksTheRestOfAPrivateKeyThatWasCutOff() {
    assertThat(SafeText.text("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\nMoreKey", 1000)).isEqualTo(SafeText.MASK);
  }

  @Test
  void isIdempotent() {
    String once = SafeText.text("password=hunter2 " + JWT + " \u001b[2J", 1000);
    assertThat(SafeText.text(once, 1000)).isEqualTo(once);
    assertThat(SafeText.mask(SafeText.mask("password=hunter2 " + JWT))).isEqualTo(SafeText.mask("password=hunter2 " + JWT));
  }
}
