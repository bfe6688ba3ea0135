package dev.katafraktos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class AuditJunitTest {
  @Test
  void write_oneSuitePerChart_oneCasePerImage_failuresForErrors() throws Exception {
    Document doc = parse(AuditJunit.write(AuditFixtures.report()));

    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("6");
    assertThat(root.getAttribute("failures")).isEqualTo("5");
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    Element app = (Element) suites.item(0);
    assertThat(app.getAttribute("name")).isEqualTo("charts/app");
    assertThat(app.getAttribute("tests")).isEqualTo("4");
    NodeList cases = app.getElementsByTagName("testcase");
    Element nginx = (Element) cases.item(0);
    assertThat(nginx.getAttribute("name")).isEqualTo("nginx:1.27");
    assertThat(nginx.getAttribute("classname")).isEqualTo("charts/app");
    Element failure = (Element) nginx.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("external-registry,missing-in-registry");
    assertThat(failure.getTextContent()).contains("error missing-in-registry: ");
    Element clean = (Element) cases.item(2);
    assertThat(clean.getAttribute("name")).isEqualTo("harbor.example.com/team/api:2.0");
    assertThat(clean.getElementsByTagName("failure").getLength()).isZero();
    Element invalid = (Element) cases.item(3);
    assertThat(invalid.getAttribute("name")).isEqualTo("NOT A <ref>");
  }

  @Test
  void write_warningsAreNoFailure() throws Exception {
    Document doc = parse(AuditJunit.write(AuditFixtures.offline()));
    Element tc = (Element) doc.getElementsByTagName("testcase").item(0);

    // external-registry is an error; the mutable tag goes to system-out
    assertThat(tc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(tc.getElementsByTagName("system-out").item(0).getTextContent())
        .startsWith("warning mutable-tag: ");
  }

  @Test
  void write_neverPrintsSecrets() throws Exception {
    assertThat(AuditJunit.write(AuditFixtures.report())).doesNotContain(AuditFixtures.SECRET);
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
