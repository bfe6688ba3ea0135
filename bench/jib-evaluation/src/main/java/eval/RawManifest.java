package eval;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Experiment (b): RegistryClient.pushManifest only takes a ManifestTemplate, which jib serialises with
 * its own Jackson ObjectMapper. A template whose @JsonValue is a Jackson RawValue makes Jackson write
 * the original bytes. Usage: RawManifest SRC DST REPO REF (open registries; the raw GET uses the JDK
 * client; pushes to the same REPO:REF on DST).
 */
public final class RawManifest implements ManifestTemplate {
  private final String json;
  private final String mediaType;

  RawManifest(byte[] bytes, String mediaType) {
    this.json = new String(bytes, StandardCharsets.UTF_8);
    this.mediaType = mediaType;
  }

  @JsonValue
  public RawValue raw() {
    return new RawValue(json);
  }

  @Override public int getSchemaVersion() { return 2; }
  @Override public String getManifestMediaType() { return mediaType; }

  public static void main(String[] a) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + a[0] + "/v2/" + a[2] + "/manifests/" + a[3]))
            .header("Accept", String.join(",",
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json"))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    String media = r.headers().firstValue("Content-Type").orElseThrow();
    System.out.println("source " + r.headers().firstValue("Docker-Content-Digest").orElse("?") + " " + media
        + " " + r.body().length + " B");
    RegistryClient dst = JibCopy.client(a[1], a[2], null);
    DescriptorDigest d = dst.pushManifest(new RawManifest(r.body(), media), a[3]);
    System.out.println("pushed with RegistryClient.pushManifest -> " + d);
    JibCopy.HTTP.shutDown();
  }
}
