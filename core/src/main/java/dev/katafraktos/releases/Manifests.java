package dev.katafraktos.releases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The objects of the repository's manifests that other declarations refer to by name. */
final class Manifests {
  private static final Set<String> KINDS = Set.of("ConfigMap", "Secret", "HelmChart");

  /** One defined object; {@code namespace} is {@code null} when the manifest sets none. */
  record Defined(String kind, String namespace, String name, YNode doc, Path file) {}

  private final List<Defined> defined = new ArrayList<>();

  void add(YNode doc, Path file) {
    String kind = doc.get("kind").name();
    String name = doc.at("metadata", "name").name();
    if (kind != null && name != null && KINDS.contains(kind)) {
      defined.add(new Defined(kind, doc.at("metadata", "namespace").name(), name, doc, file));
    }
  }

  /**
   * The one object of {@code kind} named {@code name} in {@code namespace}. A manifest without a
   * namespace matches any (Kustomize or the applying tool sets it), but one that names the
   * namespace wins.
   *
   * @param what how messages name the object, e.g. {@code ConfigMap apps/web-values}
   * @throws Unusable when none or several match
   */
  Defined find(String kind, String namespace, String name, String what) throws Unusable {
    List<Defined> loose = new ArrayList<>();
    List<Defined> exact = new ArrayList<>();
    for (Defined d : defined) {
      if (d.kind.equals(kind) && d.name.equals(name)) {
        if (Objects.equals(d.namespace, namespace)) {
          exact.add(d);
        } else if (d.namespace == null || namespace == null) {
          loose.add(d);
        }
      }
    }
    List<Defined> found = exact.isEmpty() ? loose : exact;
    if (found.isEmpty()) {
      throw new Unusable("no manifest in this repository defines " + what);
    }
    if (found.size() > 1) {
      throw new Unusable(found.size() + " manifests in this repository define " + what);
    }
    return found.get(0);
  }
}
