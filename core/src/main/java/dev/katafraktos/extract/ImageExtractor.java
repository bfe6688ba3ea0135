package dev.katafraktos.extract;

import dev.katafraktos.model.ImageOccurrence;
import dev.katafraktos.model.ManifestParseException;
import dev.katafraktos.render.RenderedDocument;
import dev.katafraktos.render.RenderedManifest;
import java.util.ArrayList;
import java.util.List;
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
    List<ImageOccurrence> occurrences = new ArrayList<>();
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
      DocumentScanner.scanAll(roots, document.source(), occurrences::add);
    }
    occurrences.addAll(ChartAnnotationImages.find(manifest.chartAnnotations()));
    return List.copyOf(occurrences);
  }
}
