package dev.katafraktos.extract;

/** YAML text that does not parse; where and why, for the caller to name the template. */
final class YamlSyntaxException extends Exception {

  private final int line;
  private final int column;
  private final String problem;

  YamlSyntaxException(int line, int column, String problem) {
    super(problem + " at line " + line + ", column " + column);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  String problem() {
    return problem;
  }
}
