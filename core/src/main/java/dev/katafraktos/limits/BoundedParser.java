package dev.katafraktos.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A SnakeYAML Engine parser that refuses a stream nested deeper than {@link
 * InputLimits#YAML_NESTING_DEPTH} or whose aliases expand past {@link
 * InputLimits#YAML_ALIAS_EXPANSION} nodes, before the composer recurses into it. SnakeYAML Engine
 * has an alias count but no depth limit, and its count does not see how much one alias expands to.
 */
final class BoundedParser implements Parser {
  private final Parser parser;
  private final Deque<Optional<Anchor>> open = new ArrayDeque<>();
  private final Deque<Long> openedAt = new ArrayDeque<>();
  // expanded size of each anchored node; a collection alias is one with size > 0 in collections
  private final Map<Anchor, Long> sizes = new HashMap<>();
  private final Map<Anchor, Boolean> collections = new HashMap<>();
  private long nodes; // every node, aliases counted as what they expand to
  private long aliasAdded;
  private int collectionAliases;

  BoundedParser(Parser parser) {
    this.parser = parser;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    if (event instanceof CollectionStartEvent start) {
      if (open.size() >= InputLimits.YAML_NESTING_DEPTH) {
        throw new YamlLimitException(
            "nested deeper than " + InputLimits.YAML_NESTING_DEPTH + " levels; refused",
            event.getStartMark());
      }
      open.push(start.getAnchor());
      openedAt.push(nodes);
      nodes++;
    } else if (event.getEventId() == Event.ID.MappingEnd
        || event.getEventId() == Event.ID.SequenceEnd) {
      Optional<Anchor> anchor = open.pop();
      long start = openedAt.pop();
      anchor.ifPresent(
          a -> {
            sizes.put(a, nodes - start);
            collections.put(a, true);
          });
    } else if (event instanceof ScalarEvent scalar) {
      nodes++;
      scalar
          .getAnchor()
          .ifPresent(
              a -> {
                sizes.put(a, 1L);
                collections.put(a, false);
              });
    } else if (event instanceof AliasEvent alias) {
      alias(alias);
    }
    return event;
  }

  private void alias(AliasEvent alias) {
    Anchor anchor = alias.getAlias();
    // an alias of a collection still open (a recursive one) counts as one node; the composer
    // refuses recursive keys
    long size = sizes.getOrDefault(anchor, 1L);
    nodes += size;
    aliasAdded += size;
    if (collections.getOrDefault(anchor, true)
        && ++collectionAliases > InputLimits.YAML_COLLECTION_ALIASES) {
      throw new YamlLimitException(
          "more than "
              + InputLimits.YAML_COLLECTION_ALIASES
              + " aliases of mappings or sequences; refused",
          alias.getStartMark());
    }
    if (aliasAdded > InputLimits.YAML_ALIAS_EXPANSION) {
      throw new YamlLimitException(
          "aliases expand to more than "
              + InputLimits.YAML_ALIAS_EXPANSION
              + " nodes (an alias bomb); refused",
          alias.getStartMark());
    }
  }
}
