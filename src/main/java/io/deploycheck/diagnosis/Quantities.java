package io.deploycheck.diagnosis;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of Kubernetes resource quantities to suggest the next memory size. */
final class Quantities {
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z]*)");

  private Quantities() {}

  /** Twice the quantity in the same unit: 256Mi becomes 512Mi, 1.5Gi becomes 3Gi. */
  static String doubleOf(String quantity) {
    Matcher matcher = QUANTITY.matcher(quantity.trim());
    if (!matcher.matches()) {
      return "twice " + quantity;
    }
    BigDecimal doubled = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(2)).stripTrailingZeros();
    return doubled.toPlainString() + matcher.group(2);
  }
}
