package dev.katafraktos.limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.LoadSettingsBuilder;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Every YAML and JSON parser of core, built with {@link InputLimits}: SnakeYAML Engine through
 * {@link BoundedParser} (depth and alias expansion) and Jackson with {@link StreamReadConstraints}
 * plus SnakeYAML's {@link LoaderOptions}. A parse site that builds its own parser is unbounded;
 * take one from here.
 */
public final class BoundedYaml {
  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(InputLimits.YAML_NESTING_DEPTH)
          .maxStringLength(InputLimits.STRING_LENGTH)
          .maxNumberLength(InputLimits.NUMBER_LENGTH)
          .maxDocumentLength(InputLimits.FILE_BYTES)
          .build();

  private BoundedYaml() {}

  /** SnakeYAML Engine settings with the limits; {@code label} names the file in messages. */
  public static LoadSettings settings(String label) {
    return builder(label).build();
  }

  /** {@link #settings}, to add more before building (the limits must stay as they are). */
  public static LoadSettingsBuilder builder(String label) {
    return LoadSettings.builder()
        .setLabel(label)
        .setCodePointLimit(InputLimits.YAML_CODE_POINTS)
        .setMaxAliasesForCollections(InputLimits.YAML_COLLECTION_ALIASES)
        .setAllowRecursiveKeys(false);
  }

  /** The node of the only document of {@code text}; empty for a stream without content. */
  public static Optional<Node> compose(LoadSettings settings, String text) {
    return composer(settings, reader(settings, text)).getSingleNode();
  }

  /** {@link #compose(LoadSettings, String)} from a reader. */
  public static Optional<Node> compose(LoadSettings settings, Reader text) {
    return composer(settings, reader(settings, text)).getSingleNode();
  }

  /** The node of every document of {@code text}, read to the end. */
  public static List<Node> composeAll(LoadSettings settings, String text) {
    List<Node> nodes = new ArrayList<>();
    composer(settings, reader(settings, text)).forEachRemaining(nodes::add);
    return nodes;
  }

  /** The events of {@code text}, checked as they come. */
  public static Iterable<Event> events(LoadSettings settings, String text) {
    return () -> parser(settings, reader(settings, text));
  }

  /**
   * The only document of {@code text} as plain Java objects (maps, lists, scalars), as SnakeYAML
   * Engine's {@code Load} builds them. ({@code Load} itself cannot take another parser: the method
   * that builds its composer is private.)
   */
  public static Object load(LoadSettings settings, String text) {
    return new StandardConstructor(settings)
        .constructSingleDocument(composer(settings, reader(settings, text)).getSingleNode());
  }

  /** Every document of {@code text} as plain Java objects, read to the end. */
  public static List<Object> loadAll(LoadSettings settings, String text) {
    List<Object> documents = new ArrayList<>();
    Composer composer = composer(settings, reader(settings, text));
    StandardConstructor constructor = new StandardConstructor(settings);
    while (composer.hasNext()) {
      documents.add(constructor.constructSingleDocument(Optional.of(composer.next())));
    }
    return documents;
  }

  // every parse reads through WholeCodePoints: see there for the SnakeYAML Engine fault it avoids
  private static StreamReader reader(LoadSettings settings, String text) {
    return new StreamReader(settings, WholeCodePoints.of(text));
  }

  private static StreamReader reader(LoadSettings settings, Reader text) {
    return new StreamReader(settings, new WholeCodePoints(text));
  }

  /** A Jackson YAML factory with the limits, to build on (e.g. generator features). */
  public static YAMLFactoryBuilder yamlFactoryBuilder() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(InputLimits.YAML_CODE_POINTS);
    options.setNestingDepthLimit(InputLimits.YAML_NESTING_DEPTH);
    options.setMaxAliasesForCollections(InputLimits.YAML_COLLECTION_ALIASES);
    options.setAllowRecursiveKeys(false);
    YAMLFactoryBuilder builder = YAMLFactory.builder().loaderOptions(options);
    builder.streamReadConstraints(CONSTRAINTS);
    return builder;
  }

  /** A Jackson YAML mapper with the limits. */
  public static ObjectMapper yamlMapper() {
    return new ObjectMapper(yamlFactoryBuilder().build());
  }

  /** A Jackson JSON mapper with the limits. */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());
  }

  private static Composer composer(LoadSettings settings, StreamReader reader) {
    return new Composer(settings, new BoundedParser(new ParserImpl(settings, reader)));
  }

  private static Iterator<Event> parser(LoadSettings settings, StreamReader reader) {
    return new BoundedParser(new ParserImpl(settings, reader));
  }
}
