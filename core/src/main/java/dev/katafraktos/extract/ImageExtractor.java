package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.KubeObject;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists every image reference in a rendered chart, with where it was found.
 *
 * <p>What counts, and where, follows the conformance corpus ({@code shared/corpus/README.md}):
 *
 * <ul>
 *   <li>{@link dev.katafraktos.model.Origin#POD POD}: the {@code image} of every container,
 *       initContainer and ephemeralContainer of every pod template, exactly as rendered;
 *   <li>{@link dev.katafraktos.model.Origin#ARG ARG} and {@link dev.katafraktos.model.Origin#ENV
 *       ENV}: references those containers hand to their program in {@code command}/{@code args}
 *       (also {@code --flag=ref}) and {@code env[].value};
 *   <li>{@link dev.katafraktos.model.Origin#CUSTOM_RESOURCE CUSTOM_RESOURCE}: keys named {@code
 *       image} or ending in {@code image}/{@code Image} anywhere else, including image mappings
 *       ({@code {registry, repository, tag}}); CustomResourceDefinitions are skipped;
 *   <li>{@link dev.katafraktos.model.Origin#CONFIG CONFIG}: ConfigMap {@code data}, Secret {@code
 *       stringData} and base64-decoded {@code data}, as YAML or line by line;
 *   <li>{@link dev.katafraktos.model.Origin#ANNOTATION ANNOTATION}: the image lists of the chart's
 *       {@code Chart.yaml} annotations ({@code artifacthub.io/images}, {@code helm.sh/images},
 *       {@code images}).
 * </ul>
 *
 * <p>Outside pod templates a value needs evidence that it is an image (see {@link ImageRules}).
 * Part of that evidence is the whole render: a plain {@code name:tag} argument counts when a pod
 * runs that image, and a bare name ({@code proxyv2}) in configuration or a custom resource names
 * the image only when a pod runs it; otherwise a program composes it with other values at run time,
 * and it is reported without an image ({@link ImageOccurrence#BARE_NAME}).
 *
 * <p>Occurrences come in document order; annotation images come last. The extractor holds no state:
 * one instance may serve several threads at once.
 */
public final class ImageExtractor {
  // CRDs are large (whole OpenAPI schemas) and never carry images; recognising a block-style one
  // by its top-level kind line spares parsing it. Others are still skipped after parsing.
  private static final Pattern CRD_KIND =
      Pattern.compile("(?m)^kind:[ \\t]*[\"']?CustomResourceDefinition[\"']?[ \\t]*(#.*)?$");
  private static final Pattern TOP_API_VERSION =
      Pattern.compile("(?m)^apiVersion:[ \\t]*[\"']?([A-Za-z0-9./-]{1,253})[\"']?[ \\t]*(?:#.*)?$");

  /** Every image occurrence of {@code manifest}. */
  public List<ImageOccurrence> extract(RenderedManifest manifest) throws ManifestParseException {
    return extract(manifest, o -> {});
  }

  /**
   * Every image occurrence of {@code manifest}; every object it renders goes to {@code objects}, in
   * document order, from the same parse.
   */
  public List<ImageOccurrence> extract(RenderedManifest manifest, Consumer<KubeObject> objects)
      throws ManifestParseException {
    List<Candidate> candidates = new ArrayList<>();
    for (RenderedDocument document : manifest.documents()) {
      if (CRD_KIND.matcher(document.content()).find()) {
        Matcher apiVersion = TOP_API_VERSION.matcher(document.content());
        objects.accept(
            new KubeObject(
                apiVersion.find() ? apiVersion.group(1) : null,
                "CustomResourceDefinition",
                null,
                null,
                document.source()));
        continue;
      }
      List<Node> roots;
      try {
        roots = YamlReader.readAll(document.content());
      } catch (YamlSyntaxException e) {
        throw new ManifestParseException(document.source(), e.line(), e.column(), e.problem());
      }
      for (Node root : roots) {
        if (root instanceof Node.Mapping object) {
          objects(object, document.source(), objects, 0);
        }
      }
      DocumentScanner.scanAll(
          roots,
          document.source(),
          o -> candidates.add(new Candidate(o, true)),
          o -> candidates.add(new Candidate(o, false)));
    }
    Set<String> podImages = new HashSet<>();
    for (Candidate c : candidates) {
      String pulled = ImageRules.pulled(c.occurrence().image());
      if (c.occurrence().origin() == Origin.POD && pulled != null) {
        podImages.add(pulled);
      }
    }
    List<ImageOccurrence> occurrences = new ArrayList<>();
    for (Candidate c : candidates) {
      ImageOccurrence o = c.occurrence();
      String pulled = ImageRules.pulled(o.image());
      boolean runByAPod = pulled != null && podImages.contains(pulled);
      if (!c.confirmed() && !runByAPod) {
        continue;
      }
      if (o.origin() != Origin.POD
          && o.image() != null
          && ImageRules.isBareName(o.image())
          && !runByAPod) {
        o = o.unresolved(ImageOccurrence.BARE_NAME);
      }
      occurrences.add(o);
    }
    occurrences.addAll(ChartAnnotationImages.find(manifest.chartAnnotations()));
    return List.copyOf(occurrences);
  }

  private static void objects(
      Node.Mapping object, String source, Consumer<KubeObject> out, int depth) {
    String kind = object.text("kind");
    if (kind != null
        && kind.endsWith("List")
        && depth == 0
        && object.get("items") instanceof Node.Sequence items) {
      for (Node item : items.items()) {
        if (item instanceof Node.Mapping mapping) {
          objects(mapping, source, out, depth + 1);
        }
      }
      return;
    }
    Node.Mapping metadata = object.mapping("metadata");
    out.accept(
        new KubeObject(
            object.text("apiVersion"),
            kind,
            metadata == null ? null : metadata.text("name"),
            metadata == null ? null : metadata.text("namespace"),
            source));
  }

  /** An occurrence, and whether it stands on its own or needs a pod image to confirm it. */
  private record Candidate(ImageOccurrence occurrence, boolean confirmed) {}
}
