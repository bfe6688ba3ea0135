package dev.katafraktos.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.katafraktos.testsupport.Hostile;
import dev.katafraktos.testsupport.RealTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The helm binaries (3 and 4) against hostile charts: whichever part refuses first, the renderer
 * ends with one RenderException naming the chart and the file.
 */
class HostileRenderIT {
  private static final Path CHARTS = Hostile.dir().resolve("charts");

  @Test
  void helmBinary_chartPrinting40MiB_refusedBeforeTheOutputIsHeld() throws Exception {
    for (Path helm : new Path[] {RealTools.helm3(), RealTools.helm4()}) {
      Path chart = CHARTS.resolve("huge-output");
      try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
        assertThatThrownBy(() -> renderer.render(RenderRequest.builder(chart).build()))
            .as(helm.toString())
            .isInstanceOf(RenderException.class)
            .hasMessage(
                "Cannot render chart "
                    + chart
                    + ": the chart rendered more than 33554432 bytes; refused");
      }
    }
  }

  @Test
  void helmBinary_valuesOrOutputAttack_refusedNamingTheFile() throws Exception {
    for (Path helm : new Path[] {RealTools.helm3(), RealTools.helm4()}) {
      try (ChartRenderer renderer = Renderers.helmBinary(helm)) {
        for (String name : new String[] {"bomb-values", "bomb-output", "deep-output"}) {
          Path chart = CHARTS.resolve(name);
          assertThatThrownBy(() -> renderer.render(RenderRequest.builder(chart).build()))
              .as(helm + " " + name)
              .isInstanceOf(RenderException.class)
              .hasMessageStartingWith("Cannot render chart " + chart)
              .hasMessageContaining(name.equals("bomb-values") ? "values.yaml" : "templates/");
        }
      }
    }
  }
}
