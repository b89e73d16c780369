package io.deploycheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into {@code io/deploycheck/version.properties}: {@code --version} and the first log line. */
public final class Version implements CommandLine.IVersionProvider {
  private static final String RESOURCE = "/io/deploycheck/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"deploycheck " + number()};
  }

  /** The project version, e.g. {@code 0.1.0}. */
  public static String number() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
