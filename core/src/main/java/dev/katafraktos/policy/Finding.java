package dev.katafraktos.policy;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.Severity;
import java.util.Objects;

/**
 * One rule broken by one image of one chart, or by one rendered object (the API rules). A finding
 * is data: the audit collects them all and the caller decides, by severity, whether to fail.
 *
 * @param ruleId the {@link Rule#id()}
 * @param severity the severity configured for the rule (never {@link Severity#OFF})
 * @param chart the chart as the user named it
 * @param image the image exactly as rendered; {@code null} for a finding about an object
 * @param message what is wrong and what to do, one line
 * @param where the first occurrence of the image, for locations; {@code null} when unknown
 * @param object the object a finding is about, {@code null} for a finding about an image
 * @param kubeVersion the Kubernetes version the object was rendered for and judged against, {@code
 *     null} for a finding about an image
 */
public record Finding(
    String ruleId,
    Severity severity,
    String chart,
    String image,
    String message,
    ImageOccurrence where,
    KubeObject object,
    String kubeVersion) {
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if ((image == null) == (object == null)) {
      throw new IllegalArgumentException("a finding is about an image or an object");
    }
  }

  /** A finding about an image. */
  public Finding(
      String ruleId,
      Severity severity,
      String chart,
      String image,
      String message,
      ImageOccurrence where) {
    this(ruleId, severity, chart, image, message, where, null, null);
  }

  /** A finding about an object rendered for {@code kubeVersion}. */
  public static Finding about(
      KubeObject object,
      String kubeVersion,
      String ruleId,
      Severity severity,
      String chart,
      String message) {
    return new Finding(ruleId, severity, chart, null, message, null, object, kubeVersion);
  }

  /** Whether it is about one image of {@code chart} (not about an object). */
  public boolean isAbout(String chart, String image) {
    return this.chart.equals(chart) && image.equals(this.image);
  }
}
