package dev.katafraktos.report;

import static dev.katafraktos.report.Redaction.redact;

import dev.katafraktos.api.RenderFailure;
import dev.katafraktos.model.Severity;
import dev.katafraktos.policy.AuditSubject;
import dev.katafraktos.policy.Finding;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The JUnit XML form of an {@link AuditReport}, for CI systems that show test results: one test
 * suite per chart, one test case per image, failed when the image has a finding at error level;
 * other findings go to the test case's {@code system-out}.
 */
public final class AuditJunit {
  private AuditJunit() {}

  public static String write(AuditReport report) {
    Document doc = newDocument();
    Element suites = doc.createElement("testsuites");
    suites.setAttribute("name", "katafraktos audit");
    doc.appendChild(suites);
    int tests = 0;
    int failures = 0;
    for (String chart : report.charts()) {
      List<AuditSubject> subjects =
          report.subjects().stream().filter(s -> s.chart().equals(chart)).toList();
      Element suite = doc.createElement("testsuite");
      suite.setAttribute("name", chart);
      int suiteFailures = 0;
      for (AuditSubject subject : subjects) {
        suiteFailures +=
            testCase(doc, suite, chart, subject.image(), report.findingsOf(subject)) ? 1 : 0;
      }
      int cases = subjects.size();
      for (Finding f : report.objectFindingsOf(chart)) {
        // one case per object judged: "batch/v1beta1 CronJob backup on Kubernetes 1.25.0"
        String name = f.object().describe() + " on Kubernetes " + f.kubeVersion();
        suiteFailures += testCase(doc, suite, chart, name, List.of(f)) ? 1 : 0;
        cases++;
      }
      suite.setAttribute("tests", Integer.toString(cases));
      suite.setAttribute("failures", Integer.toString(suiteFailures));
      suite.setAttribute("errors", "0");
      suite.setAttribute("skipped", "0");
      suites.appendChild(suite);
      tests += cases;
      failures += suiteFailures;
    }
    for (RenderFailure f : report.failures()) {
      // a release that cannot be rendered is a suite in error: none of its images were audited
      Element suite = doc.createElement("testsuite");
      suite.setAttribute("name", f.release());
      suite.setAttribute("tests", "1");
      suite.setAttribute("failures", "0");
      suite.setAttribute("errors", "1");
      suite.setAttribute("skipped", "0");
      Element tc = doc.createElement("testcase");
      tc.setAttribute("classname", f.release());
      tc.setAttribute("name", "render");
      Element error = doc.createElement("error");
      error.setAttribute("type", "render-failed");
      error.setAttribute("message", redact(f.message()));
      String where = report.declaredIn(f.release());
      error.setTextContent(redact(f.message()) + (where == null ? "" : "\n(" + where + ")"));
      tc.appendChild(error);
      suite.appendChild(tc);
      suites.appendChild(suite);
      tests++;
    }
    suites.setAttribute("tests", Integer.toString(tests));
    suites.setAttribute("failures", Integer.toString(failures));
    suites.setAttribute("errors", Integer.toString(report.failures().size()));
    return serialize(doc);
  }

  /** Appends one test case; true when it failed. */
  private static boolean testCase(
      Document doc, Element suite, String chart, String name, List<Finding> findings) {
    Element tc = doc.createElement("testcase");
    tc.setAttribute("classname", chart);
    tc.setAttribute("name", name);
    suite.appendChild(tc);
    List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      Element failure = doc.createElement("failure");
      failure.setAttribute("type", String.join(",", errors.stream().map(Finding::ruleId).toList()));
      failure.setAttribute("message", redact(errors.get(0).message()));
      failure.setTextContent(lines(errors));
      tc.appendChild(failure);
    }
    List<Finding> others = findings.stream().filter(f -> f.severity() != Severity.ERROR).toList();
    if (!others.isEmpty()) {
      Element out = doc.createElement("system-out");
      out.setTextContent(lines(others));
      tc.appendChild(out);
    }
    return !errors.isEmpty();
  }

  private static String lines(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      sb.append(f.severity().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(f.ruleId())
          .append(": ")
          .append(redact(f.message()));
      if (f.object() != null && f.object().source() != null) {
        sb.append(" (").append(f.object().source()).append(')');
      } else if (f.where() != null && f.where().source() != null) {
        sb.append(" (").append(f.where().source()).append(' ').append(f.where().path()).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serialize(Document doc) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
