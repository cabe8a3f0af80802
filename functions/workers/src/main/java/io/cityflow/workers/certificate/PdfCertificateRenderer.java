package io.cityflow.workers.certificate;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateRenderer;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays a certificate out on one A4 page with Apache PDFBox. Applicants' names are often Chinese,
 * which the PDF standard fonts cannot show: a deployment points {@code cityflow.certificates.font}
 * at a TrueType font with CJK glyphs (embedded as a subset). Without one, characters the standard
 * font lacks print as {@code ?}; the verification code and numbers are always plain ASCII.
 */
@Singleton
class PdfCertificateRenderer implements CertificateRenderer {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  @Nullable private final String fontFile;

  PdfCertificateRenderer(@Nullable @Value("${cityflow.certificates.font:}") String fontFile) {
    this.fontFile = fontFile == null || fontFile.isBlank() ? null : fontFile;
  }

  @Override
  public String contentType() {
    return "application/pdf";
  }

  @Override
  public byte[] render(Certificate c, String verificationCode) {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Certificate " + c.number());
      info.setSubject(c.permitType());
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      PDFont bold =
          fontFile == null
              ? new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD)
              : load(document);
      PDFont regular =
          fontFile == null ? new PDType1Font(Standard14Fonts.FontName.HELVETICA) : bold;
      float left = 72;
      float top = page.getMediaBox().getHeight() - 96;
      try (PDPageContentStream text = new PDPageContentStream(document, page)) {
        line(text, bold, 22, left, top, "CityFlow permit certificate");
        List<String[]> rows =
            List.of(
                new String[] {"Certificate number", c.number()},
                new String[] {"Application", c.reference()},
                new String[] {"Permit", c.permitType()},
                new String[] {"Applicant", c.applicantName()},
                new String[] {"Date of decision", DATE.format(c.decisionDate())});
        float y = top - 48;
        for (String[] row : rows) {
          line(text, regular, 11, left, y, row[0]);
          line(text, bold, 13, left + 150, y, row[1]);
          y -= 26;
        }
        y -= 24;
        line(text, regular, 11, left, y, "Verification code");
        line(text, bold, 18, left + 150, y, verificationCode);
        line(
            text,
            regular,
            9,
            left,
            y - 24,
            "Anyone can check this certificate by entering the code on the city's verification page.");
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PDFont load(PDDocument document) throws IOException {
    return PDType0Font.load(document, new File(fontFile));
  }

  private static void line(
      PDPageContentStream text, PDFont font, float size, float x, float y, String value)
      throws IOException {
    text.beginText();
    text.setFont(font, size);
    text.newLineAtOffset(x, y);
    text.showText(printable(font, value));
    text.endText();
  }

  /** The text with every character the font cannot encode replaced by {@code ?}. */
  static String printable(PDFont font, String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            cp -> {
              String ch = new String(Character.toChars(cp));
              try {
                font.encode(ch);
                out.append(ch);
              } catch (IOException | IllegalArgumentException e) {
                out.append('?');
              }
            });
    return out.toString();
  }
}
