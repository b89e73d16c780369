package io.deploycheck.diagnosis;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of Kubernetes resource quantities to suggest the next memory size and to compare a request with a node. */
final class Quantities {
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z]*)");
  /** The suffixes of apimachinery's resource.Quantity: binary (Ki ... Ei) and decimal (n ... E). */
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE), Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")), Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
  /** resource.Quantity's grammar: a decimal number, then a suffix or a decimal exponent ("1e3"). */
  private static final Pattern AMOUNT = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(?:[eE]([+-]?[0-9]{1,3})|([A-Za-z]*))");

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

  /** The amount a quantity stands for ("500m" is 0.5, "1Gi" 1073741824, "1e3" 1000), or null when it is not one. */
  static BigDecimal amount(String quantity) {
    Matcher matcher = AMOUNT.matcher(quantity == null ? "" : quantity.trim());
    if (!matcher.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    if (matcher.group(2) != null) {
      return number.scaleByPowerOfTen(Integer.parseInt(matcher.group(2)));
    }
    BigDecimal factor = SUFFIXES.get(matcher.group(3));
    return factor == null ? null : number.multiply(factor);
  }
}
