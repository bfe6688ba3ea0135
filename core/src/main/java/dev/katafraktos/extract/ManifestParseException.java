package dev.katafraktos.extract;

/** PROVISIONAL stub; the extractor replaces it. */
public class ManifestParseException extends Exception {
  public ManifestParseException(String message) {
    super(message);
  }
}
