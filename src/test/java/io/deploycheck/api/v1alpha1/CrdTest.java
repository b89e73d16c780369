package io.deploycheck.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.diagnosis.GoDuration;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD is what the fabric8 crd-generator plugin writes during the build, with one documented change:
 * fabric8 sorts printer columns by name (fabric8io/kubernetes-client#7454), and kubectl shows them in file order,
 * so they are put back in the order declared on {@link DeployCheck}. Run with {@code -Dcrd.update=true} to rewrite
 * {@code crds/} after changing the API.
 */
class CrdTest {
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8/deploychecks.deploycheck.io-v1.yml");
  static final Path COMMITTED = Path.of("crds/deploychecks.deploycheck.io-v1.yml");
  private static final String COLUMN_START = "    - jsonPath: ";

  @Test
  void committedCrdMatchesTheGeneratedOne() throws IOException {
    String expected = withDeclaredColumnOrder(Files.readString(GENERATED));
    if (Boolean.getBoolean("crd.update")) {
      Files.writeString(COMMITTED, expected);
    }
    assertThat(Files.readString(COMMITTED))
        .as("crds/ drifted from the Java model: run mvn test -Dtest=CrdTest -Dcrd.update=true")
        .isEqualTo(expected);
  }

  @Test
  void printerColumnsAreInTheDesignOrder() throws IOException {
    String crd = Files.readString(COMMITTED);
    List<String> names = new ArrayList<>();
    for (String line : crd.lines().toList()) {
      if (line.startsWith("      name: \"") && crd.indexOf(line) < crd.indexOf("    name: \"v1alpha1\"")) {
        names.add(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')));
      }
    }
    assertThat(names).containsExactly("ISVC", "READY", "PHASE", "REASON", "AGE", "HINT");
    assertThat(crd).contains("shortNames:\n    - \"dchk\"");
  }

  @Test
  void schemaDurationPatternIsTheEnginesPattern() {
    assertThat(DeployCheckSpec.DURATION).isEqualTo(GoDuration.PATTERN);
  }

  @Test
  void everySchemaPropertyHasADescription() throws IOException {
    List<String> lines = Files.readString(COMMITTED).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean property = line.matches("\\s+[A-Za-z]+:") && i > 0 && isInsideProperties(lines, i);
      if (property) {
        int indent = line.indexOf(line.trim());
        String description = " ".repeat(indent + 2) + "description:";
        boolean described = false;
        for (int j = i + 1; j < lines.size() && lines.get(j).indexOf(lines.get(j).trim()) > indent; j++) {
          described |= lines.get(j).startsWith(description);
        }
        assertThat(described).as("description of %s", line.trim()).isTrue();
      }
    }
  }

  private static boolean isInsideProperties(List<String> lines, int index) {
    int indent = lines.get(index).indexOf(lines.get(index).trim());
    for (int i = index - 1; i >= 0; i--) {
      String line = lines.get(i);
      int lineIndent = line.indexOf(line.trim());
      if (lineIndent < indent) {
        return line.trim().equals("properties:") && !lines.get(i - 1).trim().equals("openAPIV3Schema:");
      }
    }
    return false;
  }

  /** Reorders the additionalPrinterColumns entries (text blocks) into the order they are declared in. */
  static String withDeclaredColumnOrder(String crd) {
    List<String> lines = crd.lines().toList();
    int start = lines.indexOf("  - additionalPrinterColumns:") + 1;
    int end = start;
    while (end < lines.size() && (lines.get(end).startsWith(COLUMN_START) || lines.get(end).startsWith("      "))) {
      end++;
    }
    Map<String, List<String>> blocks = new TreeMap<>();
    List<String> current = null;
    for (String line : lines.subList(start, end)) {
      if (line.startsWith(COLUMN_START)) {
        current = new ArrayList<>();
        blocks.put(line, current);
      }
      current.add(line);
    }
    List<String> out = new ArrayList<>(lines.subList(0, start));
    for (AdditionalPrinterColumn column : DeployCheck.class.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      out.addAll(blocks.get(COLUMN_START + "\"" + column.jsonPath() + "\""));
    }
    out.addAll(lines.subList(end, lines.size()));
    return String.join("\n", out) + "\n";
  }
}
