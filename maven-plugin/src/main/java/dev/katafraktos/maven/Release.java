package dev.katafraktos.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <release>} of the plugin configuration: a chart and how to render it, as one {@code
 * helm install} would.
 *
 * <pre>{@code
 * <release>
 *   <chart>charts/shop</chart>
 *   <name>shop</name>
 *   <namespace>prod</namespace>
 *   <valuesFiles><valuesFile>values-prod.yaml</valuesFile></valuesFiles>
 *   <set><web.replicaCount>3</web.replicaCount></set>
 * </release>
 * }</pre>
 *
 * Maven fills the fields by name; relative paths are taken from the project directory.
 */
public class Release {
  /** The chart: a directory or a packaged {@code .tgz}. Required. */
  File chart;

  /** The release name; default {@code release-name}, as {@code helm template}. */
  String name;

  /** The namespace; default {@code default}. */
  String namespace;

  /** Values files, in order (later files win); {@code rewrite-values} edits them. */
  List<File> valuesFiles = new ArrayList<>();

  /** {@code --set} entries: each child element's name is the key, its text the value. */
  Map<String, String> set = new LinkedHashMap<>();

  /** {@code --set-string} entries, like {@link #set}. */
  Map<String, String> setString = new LinkedHashMap<>();

  @Override
  public String toString() {
    return "Release[chart=" + chart + ", name=" + name + ", namespace=" + namespace + "]";
  }
}
