package dev.katafraktos.values;

import dev.katafraktos.model.ValuePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scalar of a chart's effective values, at its path from the top chart (subchart values under
 * their alias, as {@code --set} names them). Values inside lists are leaves too ({@code
 * initContainers[0].image}): charts take extra containers as lists of container specs. A values
 * file can only override a list as a whole, which {@link OverridesFile} and the rewrite take care
 * of.
 *
 * @param path where the value is
 * @param value a String, Number, Boolean, or {@code null}
 */
record ValueLeaf(ValuePath path, Object value) {

  /** Every leaf of a values tree (maps of maps), depth first in key order. */
  static List<ValueLeaf> flatten(Map<?, ?> values) {
    List<ValueLeaf> leaves = new ArrayList<>();
    flatten(List.of(), values, leaves);
    return leaves;
  }

  private static void flatten(List<String> prefix, Map<?, ?> map, List<ValueLeaf> out) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (!key.isEmpty()) {
        visit(prefix, key, entry.getValue(), out);
      }
    }
  }

  private static void visit(List<String> prefix, String key, Object value, List<ValueLeaf> out) {
    List<String> path = new ArrayList<>(prefix);
    path.add(key);
    if (value instanceof Map<?, ?> child) {
      flatten(path, child, out);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        visit(path, ValuePath.index(i), list.get(i), out);
      }
    } else {
      out.add(new ValueLeaf(new ValuePath(path), value));
    }
  }

  boolean isEmpty() {
    return value == null || value instanceof String s && s.isEmpty();
  }

  /** The parent path, or an empty list at the top. */
  List<String> parent() {
    List<String> keys = path.keys();
    return keys.subList(0, keys.size() - 1);
  }

  /** The value as a template prints it ({@code {{ .Values.x }}}), or null for maps and null. */
  String printed() {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return goFloat(((Number) value).doubleValue());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  /**
   * Go's {@code %v} of a float64, which is how helm prints a non-integer read from a values file:
   * shortest digits, exponent form when the exponent is below -4 or at least 6 (strconv's 'g' with
   * shortest precision) — {@code 1.10} prints as {@code 1.1}.
   */
  static String goFloat(double d) {
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (shortest.signum() == 0) {
      return "0";
    }
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = shortest.unscaledValue().abs().toString();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "")
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    return shortest.toPlainString();
  }
}
