package io.cityflow.cases.certificate;

/** Port: lays a certificate out as a printable document (PDF). */
public interface CertificateRenderer {
  /** The document's content type, e.g. {@code application/pdf}. */
  String contentType();

  /**
   * Renders the certificate with its verification code.
   *
   * @param certificate everything but the document key, which exists only once this is stored
   */
  byte[] render(Certificate certificate, String verificationCode);
}
