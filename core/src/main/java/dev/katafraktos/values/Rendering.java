package dev.katafraktos.values;

import dev.katafraktos.render.RenderException;
import dev.katafraktos.render.RenderedManifest;
import java.nio.file.Path;
import java.util.List;

/** Renders one chart with the user's options plus extra values files, given last. */
@FunctionalInterface
public interface Rendering {
  RenderedManifest render(List<Path> extraValuesFiles) throws RenderException;
}
