package io.deploycheck.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files the chart carries a copy of, because Helm reads only what is inside the chart directory. The repository
 * file is the one people edit (the CRD is generated, the alerts are tested with promtool); the copy follows it.
 */
enum CopiedFile {
  CRD("crds/deploychecks.deploycheck.io-v1.yml", "crds/deploychecks.deploycheck.io-v1.yml"),
  ALERTS("deploy/alerts/deploycheck-rules.yaml", "files/alerts.yaml"),
  DASHBOARD("deploy/grafana/deploycheck.json", "files/dashboard.json");

  /** Set to rewrite the copies and deploy/ from their sources: {@code -Ddeploy.update=true}. */
  static final boolean UPDATE = Boolean.getBoolean("deploy.update");
  static final String HOW_TO_UPDATE = "mvn test -Dtest=PlainManifestsTest -Ddeploy.update=true";

  private final Path source;
  private final Path copy;

  CopiedFile(String source, String copyInChart) {
    this.source = Path.of(source);
    this.copy = HelmChart.DIR.resolve(copyInChart);
  }

  Path source() {
    return source;
  }

  Path copy() {
    return copy;
  }

  /** Brings every copy up to date; rendering after this sees the sources. */
  static void updateAll() throws IOException {
    for (CopiedFile file : values()) {
      Files.copy(file.source, file.copy, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
