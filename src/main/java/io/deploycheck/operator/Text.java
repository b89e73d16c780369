package io.deploycheck.operator;

import io.deploycheck.text.SafeText;

/**
 * The bounds of what the operator writes into status fields and Events. Everything passes {@link SafeText}: kubelet,
 * runtime and registry messages may carry credentials and terminal escapes, and kubectl describe prints fields raw.
 */
final class Text {
  /** Event messages are capped by the API server at 1 KiB; status text gets a little more room. */
  static final int EVENT_MESSAGE = 1024;
  static final int STATUS_TEXT = 2048;
  /** Names and image references: a pod name is at most 253 characters, an image reference a few hundred. */
  static final int STATUS_NAME = 512;

  private Text() {}

  static String bounded(String text, int max) {
    return SafeText.text(text, max);
  }
}
