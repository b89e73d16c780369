package io.deploycheck.diagnosis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed container image reference, following the distribution reference grammar: optional registry host (with
 * port), repository path, optional tag, optional digest. ECR hosts ({@code <account>.dkr.ecr.<region>.amazonaws.com},
 * China {@code .amazonaws.com.cn}, FIPS {@code dkr.ecr-fips}, dual-stack {@code dkr-ecr.<region>.on.aws}, with or
 * without an explicit port such as {@code :443}) also yield the account and region.
 */
public record ImageRef(
    String registry, String repository, String tag, String digest, String ecrAccount, String ecrRegion) {

  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern HOST = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
  private static final Pattern ECR_HOST = Pattern.compile(
      "([0-9]{12})\\.dkr[.-]ecr(?:-fips)?\\.([a-z0-9-]+)\\.(?:amazonaws\\.com(?:\\.cn)?|on\\.aws)(?::[0-9]+)?");

  /** Images repeat across pods, replicas and reconciles: each is parsed once. */
  private static final Memo<ImageRef> PARSED = new Memo<>(4096, ImageRef::parseUncached);

  /** Parses a reference; returns null when it is not a valid one. */
  public static ImageRef parse(String reference) {
    return reference == null ? null : PARSED.apply(reference);
  }

  private static ImageRef parseUncached(String reference) {
    if (reference == null || reference.isBlank() || !reference.equals(reference.trim())) {
      return null;
    }
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return null;
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return null;
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!HOST.matcher(first).matches()) {
          return null;
        }
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty()) {
      return null;
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        return null;
      }
    }
    String repository = registry.equals(DOCKER_HUB) && !rest.contains("/") ? "library/" + rest : rest;
    Matcher ecr = ECR_HOST.matcher(registry);
    boolean isEcr = ecr.matches();
    return new ImageRef(registry, repository, tag, digest, isEcr ? ecr.group(1) : null, isEcr ? ecr.group(2) : null);
  }

  public boolean isEcr() {
    return ecrRegion != null;
  }

  /** The tag, defaulting to {@code latest} as container runtimes do when neither tag nor digest is given. */
  public String effectiveTag() {
    return tag == null && digest == null ? "latest" : tag;
  }

  /** The canonical form, so {@code python:3.9} and {@code docker.io/library/python:3.9} compare equal. */
  public String canonical() {
    StringBuilder out = new StringBuilder(registry).append('/').append(repository);
    if (digest != null) {
      return out.append('@').append(digest).toString();
    }
    return out.append(':').append(effectiveTag()).toString();
  }

  /** Do two references name the same image (same canonical form)? Unparsable ones compare as plain text. */
  public static boolean sameImage(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    ImageRef left = parse(a);
    ImageRef right = parse(b);
    return left != null && right != null ? left.canonical().equals(right.canonical()) : a.equals(b);
  }
}
