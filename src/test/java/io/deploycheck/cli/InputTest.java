package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputTest {
  private static Input stdin(String text) {
    return Input.open("-", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Bytes without end, as /dev/zero or /dev/urandom give them. */
  private static InputStream endless(byte value) {
    return new InputStream() {
      @Override
      public int read() {
        return value & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, value);
        return len;
      }
    };
  }

  @Test
  void endlessZerosAreBinaryAfterTheFirstChunk() {
    assertThatThrownBy(() -> Input.open("-", endless((byte) 0))).isInstanceOf(InputException.class)
        .hasMessage("standard input: is binary data, expected a Kubernetes YAML/JSON dump or a text log");
  }

  @Test
  void bytesThatAreNotUtf8AreBinary() {
    Input input = Input.open("-", new ByteArrayInputStream(new byte[] {'k', 'i', 'n', 'd', ':', (byte) 0xff, '\n'}));
    assertThatThrownBy(() -> Dump.parse(input)).isInstanceOf(InputException.class).hasMessageContaining("binary");
  }

  @Test
  void anInputOverItsLimitEndsWithOneLineNamingTheLimit() {
    // a JSON List that never ends, of objects a diagnosis skips (read one at a time, each passes):
    // {"kind":"List","items":[{"kind":"Service"},{"kind":"Service"},...
    byte[] start = "{\"kind\":\"List\",\"items\":[".getBytes(StandardCharsets.UTF_8);
    byte[] item = "{\"kind\":\"Service\"},".getBytes(StandardCharsets.UTF_8);
    InputStream json = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
          private long next;

          @Override
          public int read() {
            return item[(int) (next++ % item.length)];
          }
        });
    Input input = Input.open("-", json, 3L << 20);
    assertThatThrownBy(() -> Dump.parse(input))
        .isInstanceOf(InputException.class)
        .hasMessage("standard input: larger than the limit of 3 MiB for one input (split it, e.g. one namespace per dump)");
  }

  @Test
  void anEndlessLogStopsAtTheLogLimit() {
    Input input = Input.open("-", endless((byte) '\n'));
    assertThatThrownBy(() -> input.lines().forEachRemaining(line -> { }))
        .hasMessage("standard input: larger than the limit of 256 MiB for a log (pass only the failed job's log)");
  }

  @Test
  void aThousandCommentLinesStillStartADump() {
    String comments = "# kubectl get pods -o yaml\n".repeat(100_000);
    assertThat(stdin(comments.substring(0, 27_000) + "apiVersion: v1\nkind: List\n").looksLikeDump()).isTrue();
    assertThat(stdin("\uFEFF\n  \n{\"kind\": \"List\"}").looksLikeJson()).isTrue();
    assertThat(stdin("# note\n{\"kind\": \"List\"}").looksLikeJson()).as("YAML reads commented JSON").isFalse();
    assertThat(stdin(comments + "Run kubectl apply\n").looksLikeDump()).isFalse();
  }

  @Test
  void longLogLinesAreCutAndTheNextLineIsIntact() {
    InputStream in = new SequenceInputStream(
        new ByteArrayInputStream("first\r\n".getBytes(StandardCharsets.UTF_8)),
        new SequenceInputStream(new ByteArrayInputStream("x".repeat(10_000_000).getBytes(StandardCharsets.UTF_8)),
            new ByteArrayInputStream("\nlast".getBytes(StandardCharsets.UTF_8))));
    List<String> lines = new ArrayList<>();
    Iterator<String> it = Input.open("-", in).lines();
    it.forEachRemaining(lines::add);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("first");
    assertThat(lines.get(1)).hasSize(Input.MAX_LINE_CHARS);
    assertThat(lines.get(2)).isEqualTo("last");
  }

  @Test
  void aYamlDumpWithAGiantLineIsRefusedBeforeTheParserChewsOnIt() {
    String dump = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, annotations: {x: \""
        + "a".repeat(Input.MAX_YAML_LINE_BYTES + 1) + "\"}}\n";
    assertThatThrownBy(() -> Dump.parse(stdin(dump))).isInstanceOf(InputException.class)
        .hasMessage("standard input: has a YAML line longer than the limit of 1 MiB (write the dump with -o json"
            + " instead: JSON lines have no limit)");
  }

  @Test
  void aJsonValueOverJacksonsBoundIsOneLineWithoutClassNames() {
    String dump = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + "a".repeat(20_000_001) + "\"}}";
    assertThatThrownBy(() -> Dump.parse(stdin(dump))).isInstanceOf(InputException.class)
        .hasMessageStartingWith("standard input: exceeds a bound for reading a dump: String value length")
        .hasMessageNotContaining("StreamReadConstraints");
  }

  @Test
  void blankInputIsEmpty() {
    assertThatThrownBy(() -> stdin("\uFEFF \n\t\n")).hasMessage("standard input: is empty");
  }
}
