package dev.katafraktos.policy;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.Severity;
import java.util.Objects;

/**
 * One rule broken by one image of one chart. A finding is data: the audit collects them all and the
 * caller decides, by severity, whether to fail.
 *
 * @param ruleId the {@link Rule#id()}
 * @param severity the severity configured for the rule (never {@link Severity#OFF})
 * @param chart the chart as the user named it
 * @param image the image exactly as rendered
 * @param message what is wrong and what to do, one line
 * @param where the first occurrence of the image, for locations; {@code null} when unknown
 */
public record Finding(
    String ruleId,
    Severity severity,
    String chart,
    String image,
    String message,
    ImageOccurrence where) {
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }
}
