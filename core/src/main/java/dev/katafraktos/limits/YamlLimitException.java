package dev.katafraktos.limits;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A YAML stream crossed one of {@link InputLimits}. Marked like a syntax error, so every parse
 * site's existing handling names the file, line and column.
 */
public final class YamlLimitException extends MarkedYamlEngineException {
  private static final long serialVersionUID = 1L;

  YamlLimitException(String problem, Optional<Mark> mark) {
    super(null, Optional.empty(), problem, mark);
  }
}
