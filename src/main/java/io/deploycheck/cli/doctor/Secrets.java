package io.deploycheck.cli.doctor;

import io.deploycheck.text.SafeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks credentials in everything {@code doctor} prints. Known values (the kubeconfig's token, password and client
 * key, a plugin's token) are replaced wherever they appear; shapes that are credentials whatever their source
 * (EKS tokens, JWTs, bearer headers, PEM private keys ...: {@link SafeText#mask}) are replaced too, so text from a
 * server or a plugin that echoes a credential is safe as well.
 */
final class Secrets {
  static final String MASK = SafeText.MASK;

  /** Shorter values are not masked: they would blank out ordinary words. */
  private static final int MIN_LENGTH = 6;

  private final Set<String> known = new LinkedHashSet<>();

  /** Remembers a credential; null and short values are ignored. */
  void add(String value) {
    if (value != null && value.strip().length() >= MIN_LENGTH) {
      known.add(value.strip());
      // a multi-line value (a PEM key) can leak line by line, e.g. in a parser's excerpt
      value.lines().map(String::strip).filter(l -> l.length() >= 16).forEach(known::add);
    }
  }

  String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    List<String> longestFirst = new ArrayList<>(known);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String value : longestFirst) {
      masked = masked.replace(value, MASK);
    }
    return SafeText.mask(masked);
  }
}
