package io.cityflow.workers.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.VerificationCodes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfCertificateRendererTest {
  static Certificate certificate(String applicant) {
    return new Certificate(
        "YC-2026-000123-C",
        UUID.randomUUID(),
        "YC-2026-000123",
        applicant,
        "food-business-licence",
        LocalDate.of(2026, 3, 2),
        null,
        Instant.parse("2026-03-02T02:00:00Z"));
  }

  @Test
  void thePdfParsesBackWithApplicantPermitDateAndCode() throws Exception {
    String code = VerificationCodes.generate();

    byte[] pdf = new PdfCertificateRenderer(null).render(certificate("Li Na"), code);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains("YC-2026-000123-C", "Li Na", "food-business-licence", "2026-03-02", code);
    }
  }

  @Test
  void charactersTheStandardFontLacksDoNotStopTheCertificate() throws Exception {
    String code = VerificationCodes.generate();

    byte[] pdf = new PdfCertificateRenderer(null).render(certificate("李娜"), code);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("??", code);
    }
  }
}
