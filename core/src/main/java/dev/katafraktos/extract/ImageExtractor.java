package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.model.Origin;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** Every image occurrence of {@code manifest}. */
  public List<ImageOccurrence> extract(RenderedManifest manifest) throws ManifestParseException {
    List<Candidate> candidates = new ArrayList<>();
    for (RenderedDocument document : manifest.documents()) {
      if (CRD_KIND.matcher(document.content()).find()) {
        continue;
      }
      List<Node> roots;
      try {
        roots = YamlReader.readAll(document.content());
      } catch (YamlSyntaxException e) {
        throw new ManifestParseException(document.source(), e.line(), e.column(), e.problem());
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

  /** An occurrence, and whether it stands on its own or needs a pod image to confirm it. */
  private record Candidate(ImageOccurrence occurrence, boolean confirmed) {}
}
