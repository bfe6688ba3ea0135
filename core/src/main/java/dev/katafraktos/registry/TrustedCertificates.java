package dev.katafraktos.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An {@link SSLContext} that trusts the JVM's CAs plus those of a PEM bundle, for registries with a
 * private CA. Built per checker, so it never touches the JVM-wide default.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  static SSLContext context(Path caFile) throws RegistryConfigurationException {
    try {
      if (caFile == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate jvm : jvmDefaults().getAcceptedIssuers()) {
        store.setCertificateEntry("jvm-" + n++, jvm);
      }
      for (Certificate extra : read(caFile)) {
        store.setCertificateEntry("ca-file-" + n++, extra);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new RegistryConfigurationException(
          "Cannot set up TLS with CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> read(Path caFile)
      throws RegistryConfigurationException {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw notPem(caFile);
      }
      return certs;
    } catch (NoSuchFileException e) {
      throw new RegistryConfigurationException(
          "CA file " + caFile + " not found; check --ca-file", e);
    } catch (IOException e) {
      throw new RegistryConfigurationException(
          "Cannot read CA file " + caFile + " (" + e.getMessage() + "); check --ca-file", e);
    } catch (GeneralSecurityException e) {
      throw notPem(caFile);
    }
  }

  private static RegistryConfigurationException notPem(Path caFile) {
    return new RegistryConfigurationException(
        "CA file " + caFile + " holds no PEM certificate; check --ca-file");
  }

  private static X509TrustManager jvmDefaults() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }
}
