package io.cityflow.workers.certificate;

import static io.cityflow.workers.certificate.CertificatePdfs.decodeQr;
import static io.cityflow.workers.certificate.CertificatePdfs.installedCjkFont;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.NotFoundException;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.VerificationCodes;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfCertificateRendererTest {
  private static final String CITY = "https://zwfw.example.gov.cn";
  private static final String ISSUER = "兴庆区市场监督管理局";

  @TempDir Path dir;

  static Certificate certificate(String applicant, String permitType) {
    return new Certificate(
        "YC-2026-000123-C",
        UUID.randomUUID(),
        "YC-2026-000123",
        applicant,
        permitType,
        LocalDate.of(2026, 3, 2),
        null,
        Instant.parse("2026-03-02T02:00:00Z"),
        null,
        null,
        null);
  }

  /** A certificate with the issuer and last valid day recorded when it was issued. */
  static Certificate certificate(
      String applicant, String permitType, String issuer, LocalDate validUntil) {
    Certificate c = certificate(applicant, permitType);
    return new Certificate(
        c.number(),
        c.caseId(),
        c.reference(),
        applicant,
        permitType,
        c.decisionDate(),
        null,
        c.issuedAt(),
        issuer,
        validUntil,
        null);
  }

  @Test
  void setsChineseHolderIssuerPermitAndValidityInAnEmbeddedSubsetOfTheConfiguredFont()
      throws Exception {
    // given a renderer with a configured CJK font (a TrueType collection on Debian and Ubuntu)
    Path font = installedCjkFont();
    String code = VerificationCodes.generate();
    PdfCertificateRenderer renderer = new PdfCertificateRenderer(font.toString(), CITY, List.of());

    // when a certificate with a Chinese holder name and permit type, its issuer and its last valid
    // day is rendered
    byte[] pdf =
        renderer.render(certificate("欧阳娜娜", "食品经营许可证", ISSUER, LocalDate.of(2031, 3, 1)), code);

    // then the Chinese text parses back, and every font of the page is an embedded subset
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains(
              "行政许可证书",
              "持证人",
              "欧阳娜娜",
              "许可事项",
              "食品经营许可证",
              "发证机关",
              ISSUER,
              "YC-2026-000123-C",
              "2026-03-02",
              "有效期至",
              "Valid until",
              "2031-03-01",
              code);
      // no character printed as '?' for want of a glyph (the check page's address has a query)
      assertThat(text.replace("/verify.html?code=", "")).doesNotContain("?");
      List<PDFont> fonts = fonts(document.getPage(0).getResources());
      assertThat(fonts).isNotEmpty();
      for (PDFont used : fonts) {
        assertThat(used).isInstanceOf(PDType0Font.class);
        assertThat(used.isEmbedded()).as("%s is embedded", used.getName()).isTrue();
        assertThat(used.getName()).as("subset tag").matches("[A-Z]{6}\\+.+");
        PDStream file = ((PDType0Font) used).getDescendantFont().getFontDescriptor().getFontFile2();
        assertThat(file).as("TrueType font program").isNotNull();
        assertThat((long) file.getCOSObject().getInt(COSName.LENGTH1))
            .as("a subset, far smaller than the font file")
            .isPositive()
            .isLessThan(Files.size(font) / 10);
      }
    }
  }

  @Test
  void findsAnInstalledCjkFontWhenNoneIsConfigured() throws Exception {
    installedCjkFont();
    String code = VerificationCodes.generate();

    byte[] pdf = new PdfCertificateRenderer(null, null).render(certificate("李娜", "摊位"), code);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document))
          .contains("李娜", "摊位", code, "有效期至", "长期有效")
          .doesNotContain("发证机关");
      assertThat(fonts(document.getPage(0).getResources())).allMatch(PDFont::isEmbedded);
    }
  }

  @Test
  void aCharacterTheCjkFontLacksPrintsAsAQuestionMarkAndTheRestOfTheNameStays() throws Exception {
    // given a holder whose name has a character no font has (a private-use code point)
    Path font = installedCjkFont();
    String name = "李娜" + Character.toString(0x10FFFD);
    PdfCertificateRenderer renderer = new PdfCertificateRenderer(font.toString(), null, List.of());

    // when the certificate is rendered
    byte[] pdf = renderer.render(certificate(name, "摊位"), VerificationCodes.generate());

    // then that character is a '?', and the font lacking it is reported by code point
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFont used = fonts(document.getPage(0).getResources()).get(0);
      assertThat(new PDFTextStripper().getText(document)).contains("李娜?", "摊位");
      assertThat(PdfCertificateRenderer.missingGlyphs(used, name)).isEqualTo("U+10FFFD");
    }
  }

  @Test
  void withoutAnyCjkFontTheCertificateIsStillIssuedInTheStandardFont() throws Exception {
    // given no configured font and none of the known ones installed
    String code = VerificationCodes.generate();
    PdfCertificateRenderer renderer =
        new PdfCertificateRenderer(null, null, List.of(dir.resolve("none.ttc")));

    // when a certificate with a Chinese name is rendered
    byte[] pdf = renderer.render(certificate("Li Na 李娜", "food-business-licence"), code);

    // then it carries everything in ASCII, and the Chinese characters as '?'
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document))
          .contains("YC-2026-000123-C", "Li Na ??", "food-business-licence", "2026-03-02", code)
          .contains("Valid until", "No expiry")
          .contains("Anyone can check this certificate by entering the code");
    }
  }

  @Test
  void aConfiguredFontThatIsMissingStopsTheStart() {
    Path missing = dir.resolve("missing.ttc");

    assertThatThrownBy(() -> new PdfCertificateRenderer(missing.toString(), CITY, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cityflow.certificates.font")
        .hasMessageContaining(missing + " does not exist");
  }

  @Test
  void aConfiguredFontThatCannotBeReadOrUsedStopsTheStart() throws Exception {
    Path notAFont = Files.writeString(dir.resolve("font.ttf"), "not a font");
    Path postScript = dir.resolve("NotoSansCJK-Regular.otf");
    Files.write(postScript, "OTTO\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
    Path truncated = dir.resolve("truncated.ttc");
    Files.write(truncated, "ttcf\0\1\0\0\0\0\0\1".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new PdfCertificateRenderer(dir.toString(), null, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not a readable file");
    assertThatThrownBy(() -> new PdfCertificateRenderer(notAFont.toString(), null, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not a TrueType or OpenType font file");
    assertThatThrownBy(() -> new PdfCertificateRenderer(postScript.toString(), null, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("PostScript (CFF) outlines")
        .hasMessageContaining("fonts-wqy-microhei");
    assertThatThrownBy(() -> new PdfCertificateRenderer(truncated.toString(), null, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cityflow.certificates.font")
        .hasMessageContaining(truncated.toString());
  }

  @Test
  void theQrCodeCarriesTheAddressOfThePublicCheckPageOfTheCode() throws Exception {
    // given a renderer that knows the city's public address (written with a trailing slash)
    Path font = installedCjkFont();
    String code = VerificationCodes.generate();
    PdfCertificateRenderer renderer =
        new PdfCertificateRenderer(font.toString(), CITY + "/", List.of());

    // when a certificate is rendered and its page printed as an image
    byte[] pdf = renderer.render(certificate("王芳", "食品经营许可证"), code);

    // then the QR code decodes to the public check page of exactly this code (a page a phone
    // shows, not the JSON of the API), also printed in text
    String expected = CITY + "/verify.html?code=" + code;
    assertThat(renderer.verificationUrl(code)).hasValue(expected);
    assertThat(decodeQr(pdf)).isEqualTo(expected);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains(expected, "扫描二维码");
    }
  }

  @Test
  void withoutAPublicBaseUrlTheCertificateHasNoQrCode() throws Exception {
    String code = VerificationCodes.generate();
    PdfCertificateRenderer renderer =
        new PdfCertificateRenderer(null, null, List.of(dir.resolve("none.ttc")));

    byte[] pdf = renderer.render(certificate("Li Na", "food-business-licence"), code);

    assertThat(renderer.verificationUrl(code)).isEmpty();
    assertThatThrownBy(() -> decodeQr(pdf)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aPublicBaseUrlThatIsNoWebAddressStopsTheStart() {
    for (String bad : List.of("zwfw.example.gov.cn", "ftp://zwfw.example.gov.cn", "https://")) {
      assertThatThrownBy(() -> new PdfCertificateRenderer(null, bad, List.of()))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("cityflow.public-base-url")
          .hasMessageContaining(bad);
    }
  }

  private static List<PDFont> fonts(PDResources resources) throws Exception {
    List<PDFont> fonts = new ArrayList<>();
    for (COSName name : resources.getFontNames()) {
      fonts.add(resources.getFont(name));
    }
    return fonts;
  }
}
