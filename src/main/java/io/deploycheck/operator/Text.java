package io.deploycheck.operator;

/**
 * Status fields and Events carry text from kubelet, runtimes and registries: keep it printable and bounded so a
 * pathological message cannot bloat an object or break a terminal.
 */
final class Text {
  /** Event messages are capped by the API server at 1 KiB; status text gets a little more room. */
  static final int EVENT_MESSAGE = 1024;
  static final int STATUS_TEXT = 2048;

  private Text() {}

  static String bounded(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (text.length() > max) {
      out.setLength(max - 3);
      out.append("...");
    }
    return out.toString();
  }
}
