package dev.katafraktos.api;

/** Which helm renders the charts. */
public enum RendererKind {
  /** helm's engine embedded in the library (helm-java); needs no helm binary. */
  EMBEDDED,
  /** A helm 3 or 4 binary, from an explicit path or PATH. */
  HELM
}
