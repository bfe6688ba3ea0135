package dev.katafraktos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void checked_countsOutOfOrder_neverGoBackAndEndWithANewline() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out));

    bar.checked(2, 10);
    bar.checked(10, 10);
    bar.checked(9, 10);

    assertThat(out.toString())
        .isEqualTo(
            "\rchecking images [######------------------------] 2/10"
                + "\rchecking images [##############################] 10/10\n");
  }

  @Test
  void checked_fewImages_drawsNothing() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out));

    bar.checked(1, ProgressBar.MIN_IMAGES - 1);

    assertThat(out.toString()).isEmpty();
  }
}
