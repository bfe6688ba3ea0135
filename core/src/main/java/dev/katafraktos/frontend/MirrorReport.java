package dev.katafraktos.frontend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.katafraktos.api.MirrorImage;
import dev.katafraktos.api.MirrorResult;
import dev.katafraktos.api.PullBudget;
import dev.katafraktos.registry.CopyOutcome;
import dev.katafraktos.registry.CopyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A mirror run as a table for people and as JSON for tools; shared by the CLI and the plugin. */
public final class MirrorReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MirrorReport() {}

  /** What each image is (or would be) and one summary line. */
  public static String table(MirrorResult result) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"IMAGE", "TARGET", "STATUS", "DETAIL"});
    for (MirrorImage image : result.images()) {
      rows.add(
          new String[] {
            image.plan().source().toString(),
            image.plan().target().toString(),
            status(image),
            detail(image)
          });
    }
    StringBuilder out = new StringBuilder();
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      line.append(row[3]);
      out.append(line.toString().stripTrailing()).append('\n');
    }
    for (String image : result.unmapped()) {
      out.append("not mapped (not mirrored): ").append(image).append('\n');
    }
    for (MirrorImage image : result.images()) {
      for (String warning : image.plan().warnings()) {
        out.append("warning: ").append(warning).append('\n');
      }
    }
    out.append(summary(result)).append('\n');
    return out.toString();
  }

  /** e.g. {@code 3 copied, 2 present, 1 failed; 12.3 MB sent; 4 blobs mounted}. */
  public static String summary(MirrorResult result) {
    if (result.dryRun() || result.refusal() != null) {
      long toCopy = count(result, CopyPlan.State.COPY);
      long bytes = 0;
      boolean bytesKnown = true;
      int manifests = 0;
      for (MirrorImage image : result.images()) {
        if (image.plan().state() == CopyPlan.State.COPY) {
          if (image.plan().bytes() < 0) {
            bytesKnown = false;
          } else {
            bytes += image.plan().bytes();
          }
          manifests += image.plan().manifests();
        }
      }
      return (result.dryRun() ? "plan: " : "refused, nothing copied; plan: ")
          + toCopy
          + " to copy ("
          + (manifests > 0 ? manifests + " manifests, " : "")
          + (bytesKnown
              ? human(bytes) + " of blobs at most"
              // a counted registry is planned with HEADs only: no manifest read, no size known
              : bytes > 0 ? "at least " + human(bytes) + " of blobs" : "sizes unknown until read")
          + "), "
          + count(result, CopyPlan.State.PRESENT)
          + " present, "
          + count(result, CopyPlan.State.FAILED)
          + " cannot be copied";
    }
    int[] byState = new int[CopyOutcome.State.values().length];
    long sent = 0;
    int mounted = 0;
    for (MirrorImage image : result.images()) {
      if (image.outcome() != null) {
        byState[image.outcome().state().ordinal()]++;
        sent += image.outcome().bytesUploaded();
        mounted += image.outcome().blobsMounted();
      }
    }
    List<String> parts = new ArrayList<>();
    for (CopyOutcome.State state : CopyOutcome.State.values()) {
      if (byState[state.ordinal()] > 0) {
        parts.add(byState[state.ordinal()] + " " + word(state));
      }
    }
    if (parts.isEmpty()) {
      parts.add("nothing to mirror");
    }
    return String.join(", ", parts) + "; " + human(sent) + " sent, " + mounted + " blobs mounted";
  }

  /** Every image with its plan and outcome, the unmapped images and the pull budgets. */
  public static String json(MirrorResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dryRun", result.dryRun());
    root.put("failed", result.failed());
    root.put("refusal", result.refusal());
    ArrayNode images = root.putArray("images");
    for (MirrorImage image : result.images()) {
      CopyPlan plan = image.plan();
      ObjectNode node = images.addObject();
      node.put("image", image.image());
      node.put("source", plan.source().toString());
      node.put("target", plan.target().toString());
      node.put("status", status(image));
      node.putPOJO("charts", image.charts());
      ObjectNode p = node.putObject("plan");
      p.put("state", plan.state().name().toLowerCase(Locale.ROOT));
      p.put("digest", plan.digest());
      p.put("mediaType", plan.mediaType());
      p.put("manifests", plan.manifests());
      p.put("bytes", plan.bytes());
      p.put("pulls", plan.pulls());
      p.put("pullsExact", plan.pullsExact());
      p.putPOJO("extras", plan.extras());
      p.putPOJO("warnings", plan.warnings());
      p.put("message", plan.message());
      if (image.proxyCache() != null) {
        node.put("proxyCacheProject", image.proxyCache());
      }
      CopyOutcome o = image.outcome();
      if (o != null) {
        ObjectNode c = node.putObject("outcome");
        c.put("state", o.state().name().toLowerCase(Locale.ROOT));
        c.put("digest", o.digest());
        c.put("manifestsWritten", o.manifestsWritten());
        c.put("blobsUploaded", o.blobsUploaded());
        c.put("blobsMounted", o.blobsMounted());
        c.put("blobsPresent", o.blobsPresent());
        c.put("bytesUploaded", o.bytesUploaded());
        c.put("pulls", o.pulls());
        c.putPOJO("extras", o.extras());
        c.put("message", o.message());
      }
    }
    root.putPOJO("unmapped", result.unmapped());
    ArrayNode budgets = root.putArray("pullBudgets");
    for (PullBudget b : result.budgets()) {
      ObjectNode node = budgets.addObject();
      node.put("registry", b.registry());
      node.put("needed", b.needed());
      node.put("exact", b.exact());
      node.put("remaining", b.remaining());
      node.put("maxPulls", b.maxPulls());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static String status(MirrorImage image) {
    if (image.outcome() != null) {
      return word(image.outcome().state());
    }
    if (image.proxyCache() != null && image.plan().state() != CopyPlan.State.FAILED) {
      // Harbor answers a HEAD in a proxy-cache project from the upstream: "present" would say
      // nothing about its cache, and a push there is refused
      return "proxy cache (warm)";
    }
    switch (image.plan().state()) {
      case PRESENT:
        return "present";
      case FAILED:
        return "cannot copy";
      default:
        return "to copy";
    }
  }

  private static String word(CopyOutcome.State state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String detail(MirrorImage image) {
    CopyOutcome o = image.outcome();
    if (o != null && o.message() != null && !o.done()) {
      return o.message();
    }
    CopyPlan plan = image.plan();
    if (o != null && o.state() == CopyOutcome.State.COPIED) {
      return shortDigest(o.digest())
          + ", "
          + o.manifestsWritten()
          + " manifests, "
          + o.blobsUploaded()
          + " blobs sent ("
          + human(o.bytesUploaded())
          + "), "
          + o.blobsMounted()
          + " mounted, "
          + o.blobsPresent()
          + " present"
          + (o.extras().isEmpty() ? "" : ", with " + String.join(", ", o.extras()))
          + (o.pulls() > 0 ? ", " + o.pulls() + " pulls" : "");
    }
    if (plan.state() == CopyPlan.State.FAILED) {
      return plan.message();
    }
    if (plan.state() == CopyPlan.State.PRESENT) {
      return shortDigest(plan.digest());
    }
    if (o != null) {
      return shortDigest(o.digest());
    }
    return shortDigest(plan.digest())
        + ", "
        + (plan.manifests() > 0 ? plan.manifests() + " manifests, " : "")
        + (plan.bytes() >= 0 ? human(plan.bytes()) : "size unknown until read")
        + (plan.pulls() > 0
            ? ", "
                + (plan.pullsExact() ? "" : "at least ")
                + plan.pulls()
                + (plan.pulls() == 1 ? " pull" : " pulls")
            : "")
        + (plan.extras().isEmpty() ? "" : ", with " + String.join(", ", plan.extras()));
  }

  private static long count(MirrorResult result, CopyPlan.State state) {
    return result.images().stream().filter(i -> i.plan().state() == state).count();
  }

  private static String shortDigest(String digest) {
    return digest == null ? "digest unknown" : digest.substring(0, Math.min(19, digest.length()));
  }

  /** Bytes as people read them: {@code 512 B}, {@code 12.3 MB} (powers of 1000, as registries). */
  static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
