package dev.katafraktos.limits;

/**
 * How much of an untrusted file Katafraktos reads: the one place the limits live. Repository
 * content, charts and their rendered output are written by whoever opens a pull request, so every
 * parse is capped; each limit leaves wide headroom over the real charts of {@code testdata/corpus}
 * and {@code ../shared/corpus} (measured numbers beside each).
 */
public final class InputLimits {
  /**
   * Code points in one YAML stream (a file, or one rendered document). Largest real file: 3.0 MB
   * (victoria-metrics-operator's CRDs in one file); largest rendered document: 1.4 MB (a kyverno
   * CRD). SnakeYAML's own default is 3 MB. Not more: SnakeYAML's reader holds a long scalar as an
   * int per code point plus copies, about 12 bytes each, and the CLI must finish in a 256 MiB heap.
   */
  public static final int YAML_CODE_POINTS = 8 * 1024 * 1024;

  /** Bytes of a YAML file read from disk; a larger file is refused unread. */
  public static final long FILE_BYTES = YAML_CODE_POINTS;

  /**
   * Nested mappings and sequences. Deepest real document: 36 levels (OpenAPI schemas of CRDs). Deep
   * nesting recurses in SnakeYAML's composer and in our own tree walks: 10 000 levels overflow the
   * stack.
   */
  public static final int YAML_NESTING_DEPTH = 256;

  /**
   * Aliases of mappings and sequences in one stream. The most in a real file: under 100 (a values
   * schema that reuses definitions); Kubernetes' decoder allows a similar handful before it looks
   * at the ratio.
   */
  public static final int YAML_COLLECTION_ALIASES = 200;

  /**
   * Nodes that aliases may add when expanded. Aliases share one parsed node, so memory stays flat,
   * but every walk of the tree (extraction, comparison, JSON conversion) visits each copy: a
   * "billion laughs" of 10 aliases per level times 9 levels is a billion visits. Real files add a
   * few hundred.
   */
  public static final int YAML_ALIAS_EXPANSION = 100_000;

  /**
   * What one render may print, all documents together. Largest real render: about 3 MB (argo-cd
   * with its CRDs). A template can print any amount ({@code repeat}); the renderer's output is held
   * in memory whole, so it is capped before it is read.
   */
  public static final int RENDERED_BYTES = 32 * 1024 * 1024;

  /** One scalar: whole dashboards sit in ConfigMaps, none near this. */
  public static final int STRING_LENGTH = YAML_CODE_POINTS;

  /** Digits of one number (Jackson's default; numbers are parsed in quadratic time). */
  public static final int NUMBER_LENGTH = 1000;

  /** A packaged chart expanded, all entries: helm's MaxDecompressedChartSize (helm 3.17+). */
  public static final long CHART_ARCHIVE_BYTES = 100L * 1024 * 1024;

  /** One entry of a packaged chart: helm's MaxDecompressedFileSize (helm 3.17+). */
  public static final long CHART_ARCHIVE_ENTRY_BYTES = 5L * 1024 * 1024;

  /**
   * Entries of a packaged chart. helm has no count, but its size cap does not count headers, so
   * millions of empty entries would fit; the largest real chart has a few hundred files.
   */
  public static final int CHART_ARCHIVE_ENTRIES = 20_000;

  private InputLimits() {}
}
