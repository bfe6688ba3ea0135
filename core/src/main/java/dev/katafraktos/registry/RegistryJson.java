package dev.katafraktos.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.katafraktos.model.Availability;
import java.io.IOException;

/**
 * The one JSON reader for registry and Harbor answers, with limits that no real manifest, index,
 * token or Harbor body comes near (the deepest, an OCI index with platform features, nests 5
 * levels), so a hostile body fails fast instead of costing stack or heap. The body itself is
 * already capped by {@link BodyLimit}.
 */
final class RegistryJson {
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(64)
          // no tighter than the largest body: a long annotation is legal in a 4 MiB manifest
          .maxStringLength((int) BodyLimit.MANIFEST.bytes())
          .maxNumberLength(64)
          .maxNameLength(4096)
          .maxTokenCount(500_000)
          .build();

  static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build());

  private RegistryJson() {}

  /** The body as a tree; anything else, including an empty body, is {@link UnreadableException}. */
  static JsonNode read(byte[] body) throws UnreadableException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new UnreadableException(
          Availability.BLOCKED, "JSON over a parser limit (" + e.getOriginalMessage() + ")");
    } catch (JsonProcessingException e) {
      throw new UnreadableException(
          Availability.ERROR, "a body that is not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UnreadableException(Availability.ERROR, "an unreadable body (" + e + ")");
    }
    if (tree == null || tree.isMissingNode()) {
      throw new UnreadableException(Availability.ERROR, "an empty body");
    }
    return tree;
  }

  /** Compact JSON of a tree this package built (a narrowed index). */
  static byte[] write(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** A body that is not JSON, or JSON over a limit; the message completes "... sent ". */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Availability availability;

    UnreadableException(Availability availability, String message) {
      super(message.replaceAll("\\s+", " "));
      this.availability = availability;
    }

    Availability availability() {
      return availability;
    }
  }
}
