package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.katafraktos.api.AuditRequest;
import dev.katafraktos.api.AuditResult;
import dev.katafraktos.api.Katafraktos;
import dev.katafraktos.api.RenderOptions;
import dev.katafraktos.policy.AuditConfig;
import dev.katafraktos.policy.Finding;
import dev.katafraktos.policy.Mapping;
import dev.katafraktos.testsupport.RealTools;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit asks Harbor's API about mapped targets: a project that prevents vulnerable pulls and a
 * target whose scan found a critical vulnerability give a harbor-would-refuse finding; the other
 * targets (not held by Harbor) give none. Every body the fake serves is checked against Harbor's
 * spec.
 */
class AuditHarborTest {

  @Test
  void audit_targetWithCriticalScanInProtectedProject_wouldBeRefused() throws Exception {
    try (FakeHarbor harbor = new FakeHarbor()) {
      String host = harbor.url().getAuthority();
      harbor.project(
          "dockerhub",
          200,
          HarborBodies.project(
              "dockerhub", 7, "{\"prevent_vul\": \"true\", \"severity\": \"high\"}"));
      harbor.answer(
          FakeHarbor.ARTIFACT,
          "/api/v2.0/projects/dockerhub/repositories/library%252Fnginx/artifacts/1.27.4",
          200,
          HarborBodies.artifact(
              "dockerhub/library/nginx",
              "[" + HarborBodies.tag("1.27.4") + "]",
              HarborBodies.overview(
                  HarborBodies.VULN_REPORT, HarborBodies.summary("Success", "Critical"))));
      AuditConfig config =
          AuditConfig.builder()
              .registry(host)
              .mapping(Mapping.parse("docker.io=" + host + "/dockerhub"))
              .insecureRegistry(host)
              .build();

      AuditResult result =
          Katafraktos.create()
              .audit(
                  new AuditRequest(
                      List.of(RealTools.testdata().resolve("charts/example")),
                      RenderOptions.defaults(),
                      config,
                      false,
                      null));

      List<Finding> refused =
          result.findings().stream().filter(f -> f.ruleId().equals("harbor-would-refuse")).toList();
      assertThat(refused).extracting(Finding::image).containsExactly("nginx:1.27.4");
      assertThat(refused.get(0).message()).contains("critical").contains("high");
    }
  }
}
