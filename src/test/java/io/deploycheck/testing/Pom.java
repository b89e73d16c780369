package io.deploycheck.testing;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** Reads values from the project's pom.xml, so tests compare other files with the build instead of a copy. */
public final class Pom {
  private Pom() {}

  /** The project version, e.g. 0.1.0. */
  public static String version() {
    return evaluate("/project/version");
  }

  /** The text an XPath expression selects, e.g. a plugin's configuration value. */
  public static String evaluate(String xpath) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
      return XPathFactory.newInstance().newXPath().evaluate(xpath, pom).strip();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + xpath + " from pom.xml", e);
    }
  }
}
