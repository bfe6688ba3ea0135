package dev.katafraktos.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * The one way property tests start: a QuickTheories {@link QuickTheory} with the project's try
 * count, a bounded shrink, and a failure message that says how to replay it.
 *
 * <pre>{@code
 * @Test
 * void redact_anySecret_leavesNoneOfIt() {
 *   PropertyRuns.qt().forAll(secrets()).checkAssert(secret -> ...);
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Tries</b>: system property {@value #TRIES}, default {@value #DEFAULT_TRIES} (what CI
 *       runs). A longer run is one command: {@code mvn -B -pl core test -Dtest='*Properties'
 *       -Dkatafraktos.tries=20000} (surefire hands {@code -D} user properties to the forked JVM).
 *   <li><b>Expensive properties</b> ({@link #qt(int) qt(cap)}): {@code cap} tries in CI; a longer
 *       run scales the cap by the same factor as the default, {@code ceil(cap * tries / 200)}, at
 *       least 1 and never more than {@code tries}. So {@code qt(15)} runs 15 tries by default, 1500
 *       with {@code -Dkatafraktos.tries=20000} and 1 with {@code -Dkatafraktos.tries=7}.
 *   <li><b>Shrinking</b> (only after a failure): QuickTheories' own default is 100 shrink cycles
 *       per try of its default 1000, far too many for properties that build trees on disk or
 *       render; here it is {@value #SHRINKS_PER_TRY} per CI try ({@code 5 * 200} for {@code qt()},
 *       {@code 5 * cap} for {@code qt(cap)}), not scaled by a longer run. {@code -DQT_SHRINKS=n}
 *       overrides.
 *   <li><b>Seed</b>: random per run; QuickTheories reads {@code -DQT_SEED=n} (a system property). A
 *       failure's message ends with the seed and the command that replays it.
 * </ul>
 */
public final class PropertyRuns {
  /** System property: tries per property. */
  public static final String TRIES = "katafraktos.tries";

  /** Tries per property when {@value #TRIES} is not set: what CI runs. */
  public static final int DEFAULT_TRIES = 200;

  static final int SHRINKS_PER_TRY = 5;

  private PropertyRuns() {}

  /** A run of {@link #tries()} tries. */
  public static QuickTheory qt() {
    return configured(tries(), DEFAULT_TRIES, caller());
  }

  /**
   * A run of {@code cap} tries in CI, for a property too expensive for the default; a longer run
   * scales it (see the class comment).
   */
  public static QuickTheory qt(int cap) {
    return configured(tries(cap), Math.min(cap, DEFAULT_TRIES), caller());
  }

  /** Tries per property: {@value #TRIES}, else {@value #DEFAULT_TRIES}. */
  public static int tries() {
    String value = System.getProperty(TRIES);
    if (value == null || value.isBlank()) {
      return DEFAULT_TRIES;
    }
    int tries = Integer.parseInt(value.trim());
    if (tries < 1) {
      throw new IllegalArgumentException(TRIES + " must be at least 1, was " + tries);
    }
    return tries;
  }

  /** {@code ceil(cap * tries() / DEFAULT_TRIES)}, at least 1, at most {@link #tries()}. */
  public static int tries(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be at least 1, was " + cap);
    }
    long scaled = ((long) cap * tries() + DEFAULT_TRIES - 1) / DEFAULT_TRIES;
    return (int) Math.max(1, Math.min(tries(), scaled));
  }

  /**
   * {@code body}'s result, its checked exceptions rethrown unchecked: QuickTheories' {@code
   * checkAssert} takes a plain {@code Consumer}.
   */
  public static <T> T unchecked(Callable<T> body) {
    try {
      return body.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static QuickTheory configured(int tries, int ciTries, StackWalker.StackFrame caller) {
    QuickTheory qt =
        QuickTheory.qt().withExamples(tries).withReporter(new ReplayReporter(caller, tries));
    if (System.getProperty(Configuration.SHRINKS) == null) {
      qt = qt.withShrinkCycles(ciTries * SHRINKS_PER_TRY);
    }
    return qt;
  }

  /** The test method that asked for the run. */
  private static StackWalker.StackFrame caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(PropertyRuns.class.getName()))
                    .findFirst()
                    .orElseThrow());
  }

  /** QuickTheories' own message (values, cause, "Seed was n"), then how to replay it. */
  private static final class ReplayReporter implements Reporter {
    private final ExceptionReporter delegate = new ExceptionReporter();
    private final StackWalker.StackFrame caller;
    private final int tries;

    ReplayReporter(StackWalker.StackFrame caller, int tries) {
      this.caller = caller;
      this.tries = tries;
    }

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        delegate.falisification(seed, examplesUsed, smallest, examples, toString);
      } catch (AssertionError e) {
        throw withReplay(e, seed, null);
      }
    }

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        Throwable cause,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        delegate.falisification(seed, examplesUsed, smallest, cause, examples, toString);
      } catch (AssertionError e) {
        throw withReplay(e, seed, cause);
      }
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      delegate.valuesExhausted(completedExamples);
    }

    private AssertionError withReplay(AssertionError e, long seed, Throwable cause) {
      String className = caller.getClassName();
      String simpleName = className.substring(className.lastIndexOf('.') + 1);
      String module = Path.of(System.getProperty("user.dir")).getFileName().toString();
      String triesFlag =
          System.getProperty(TRIES) == null ? "" : " -D" + TRIES + "=" + System.getProperty(TRIES);
      String replay =
          String.format(
              "%n%nProperty %s#%s failed (%d tries, seed %d). Replay it:%n"
                  + "  mvn -B -pl %s test -Dtest='%s#%s' -DQT_SEED=%d%s%n",
              simpleName,
              caller.getMethodName(),
              tries,
              seed,
              module,
              simpleName,
              caller.getMethodName(),
              seed,
              triesFlag);
      return new AssertionError(e.getMessage() + replay, cause);
    }
  }
}
