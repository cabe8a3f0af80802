package io.cityflow.workers.certificate;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateRenderer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays a certificate out on one A4 page with Apache PDFBox, in Chinese and English, with the
 * verification code in text and as a QR code of the address of its public check page ({@code
 * /verify.html?code=<code>} under {@code cityflow.public-base-url}, which asks {@code GET
 * /api/public/certificates/{code}} and says in words whether the certificate is genuine), as on
 * Chinese e-licences.
 *
 * <p>Names are usually Chinese, which the PDF standard fonts cannot show, so the text is set in a
 * CJK font embedded as a subset ({@link CertificateFont}): the file {@code
 * cityflow.certificates.font} names, or else the first known CJK font installed. A configured font
 * that is missing or unusable stops the start; with neither, certificates fall back to Helvetica in
 * English only, and the characters it lacks print as {@code ?} (a warning at start says so).
 * Created at start ({@link Context}) for those checks.
 *
 * <p>The issuer and the last valid day printed are the ones recorded with the certificate when it
 * was issued ({@code CertificatePolicy}, docs/adr/0022), so the paper and the public check agree; a
 * certificate without a last valid day says so ("长期有效", no expiry).
 */
@Context
class PdfCertificateRenderer implements CertificateRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(PdfCertificateRenderer.class);

  static final String FONT_SETTING = "cityflow.certificates.font";
  static final String BASE_URL_SETTING = "cityflow.public-base-url";

  /**
   * The public check page of a verification code, under the public base URL: a phone that scans the
   * QR code opens a page that says whether the certificate is genuine (docs/adr/0021).
   */
  static final String VERIFICATION_PATH = "/verify.html?code=";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final float LEFT = 72;
  private static final float VALUES = LEFT + 150;
  private static final float QR_SIZE = 108;

  @Nullable private final CertificateFont font;
  @Nullable private final String publicBaseUrl;

  @Inject
  PdfCertificateRenderer(
      @Nullable @Value("${" + FONT_SETTING + ":}") String fontFile,
      @Nullable @Value("${" + BASE_URL_SETTING + ":}") String publicBaseUrl) {
    this(fontFile, publicBaseUrl, CertificateFont.KNOWN_FONTS);
  }

  /**
   * @param knownFonts where to look for a CJK font when none is configured
   */
  PdfCertificateRenderer(
      @Nullable String fontFile, @Nullable String publicBaseUrl, List<Path> knownFonts) {
    this.font = chooseFont(blankToNull(fontFile), knownFonts);
    this.publicBaseUrl = baseUrl(blankToNull(publicBaseUrl));
  }

  private static CertificateFont chooseFont(@Nullable String fontFile, List<Path> knownFonts) {
    if (fontFile != null) {
      CertificateFont configured = CertificateFont.configured(FONT_SETTING, Path.of(fontFile));
      LOG.info(
          "Certificates are set in {} from {} ({})",
          configured.name(),
          configured.file(),
          FONT_SETTING);
      return configured;
    }
    Optional<CertificateFont> installed = CertificateFont.installed(knownFonts);
    installed.ifPresentOrElse(
        f ->
            LOG.info("Certificates are set in {} from {} (installed CJK font)", f.name(), f.file()),
        () ->
            LOG.warn(
                "No CJK font for certificates: set {} to a TrueType font with Chinese glyphs or"
                    + " install fonts-wqy-microhei; until then Chinese names print as '?'",
                FONT_SETTING));
    return installed.orElse(null);
  }

  @Nullable
  private static String baseUrl(@Nullable String value) {
    if (value == null) {
      LOG.warn(
          "{} is not set: certificates carry no QR code of their verification address",
          BASE_URL_SETTING);
      return null;
    }
    String base = value.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(base);
      boolean web =
          "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
        throw new URISyntaxException(value, "not an http(s) address without query or fragment");
      }
    } catch (URISyntaxException e) {
      throw new ConfigurationException(
          BASE_URL_SETTING
              + " must be the public http(s) address of the city's site, such as"
              + " https://zwfw.example.gov.cn; got "
              + value);
    }
    return base;
  }

  @Nullable
  private static String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The address the QR code of this verification code opens, if a public base URL is set. */
  Optional<String> verificationUrl(String verificationCode) {
    return Optional.ofNullable(publicBaseUrl)
        .map(base -> base + VERIFICATION_PATH + verificationCode);
  }

  @Override
  public String contentType() {
    return "application/pdf";
  }

  @Override
  public byte[] render(Certificate c, String verificationCode) {
    try (CertificateFont.Opened cjk = font == null ? null : font.open();
        PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Certificate " + c.number());
      info.setSubject(c.permitType());
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      Fonts fonts;
      if (cjk == null) {
        fonts =
            new Fonts(
                new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD),
                false);
      } else {
        document.getDocumentCatalog().setLanguage("zh-CN");
        PDFont embedded = PDType0Font.load(document, cjk.font(), true);
        fonts = new Fonts(embedded, embedded, true);
      }
      // Rare characters of names (CJK extensions) may be missing even from a CJK font. The log
      // names the code points, not the name.
      String missing =
          missingGlyphs(
              fonts.regular(),
              c.applicantName() + c.permitType() + (c.issuer() == null ? "" : c.issuer()));
      if (!missing.isEmpty()) {
        LOG.warn(
            "Certificate {}: the font has no glyph for {}, printed as '?'", c.number(), missing);
      }
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        lay(content, fonts, page.getMediaBox(), c, verificationCode);
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular and bold face, and whether they have Chinese glyphs. */
  private record Fonts(PDFont regular, PDFont bold, boolean chinese) {}

  /** A label in Chinese and English, and its value. */
  private record Row(String chinese, String english, String value) {}

  private void lay(
      PDPageContentStream content, Fonts fonts, PDRectangle box, Certificate c, String code)
      throws IOException {
    float right = box.getWidth() - LEFT;
    float y = box.getHeight() - 90;
    if (fonts.chinese()) {
      title(content, fonts.bold(), 26, LEFT, y, "行政许可证书");
      line(content, fonts.regular(), 12, LEFT, y - 22, "CityFlow permit certificate");
      y -= 72;
    } else {
      line(content, fonts.bold(), 22, LEFT, y, "CityFlow permit certificate");
      y -= 48;
    }
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("证书编号", "Certificate number", c.number()));
    rows.add(new Row("申请编号", "Application", c.reference()));
    rows.add(new Row("许可事项", "Permit", c.permitType()));
    rows.add(new Row("持证人", "Holder", c.applicantName()));
    if (c.issuer() != null) {
      rows.add(new Row("发证机关", "Issued by", c.issuer()));
    }
    rows.add(new Row("决定日期", "Date of decision", DATE.format(c.decisionDate())));
    rows.add(
        new Row(
            "有效期至",
            "Valid until",
            c.validUntil() != null
                ? DATE.format(c.validUntil())
                : fonts.chinese() ? "长期有效 (no expiry)" : "No expiry"));
    for (Row row : rows) {
      label(content, fonts, y, row);
      fitted(content, fonts.bold(), 13, VALUES, y, right - VALUES, row.value());
      y -= fonts.chinese() ? 34 : 26;
    }

    y -= 16;
    label(content, fonts, y, new Row("核验码", "Verification code", code));
    line(content, fonts.bold(), 18, VALUES, y, code);
    y -= 30;
    Optional<String> url = verificationUrl(code);
    if (url.isPresent()) {
      float qrBottom = y - QR_SIZE;
      VerificationQr.draw(content, url.get(), LEFT, qrBottom, QR_SIZE);
      float x = LEFT + QR_SIZE + 18;
      float textY = y - 14;
      if (fonts.chinese()) {
        line(content, fonts.regular(), 11, x, textY, "扫描二维码或访问以下网址核验本证书");
        textY -= 16;
      }
      line(content, fonts.regular(), 9, x, textY, "Scan the code or open this address to check");
      line(content, fonts.regular(), 9, x, textY - 12, "that this certificate is genuine:");
      fitted(content, fonts.regular(), 9, x, textY - 30, right - x, url.get());
    } else {
      if (fonts.chinese()) {
        line(content, fonts.regular(), 11, LEFT, y, "任何人均可在本市核验页面输入核验码核验本证书。");
        y -= 16;
      }
      line(
          content,
          fonts.regular(),
          9,
          LEFT,
          y,
          "Anyone can check this certificate by entering the code on the city's verification page.");
    }
  }

  private static void label(PDPageContentStream content, Fonts fonts, float y, Row row)
      throws IOException {
    if (fonts.chinese()) {
      line(content, fonts.regular(), 11, LEFT, y, row.chinese());
      line(content, fonts.regular(), 8, LEFT, y - 11, row.english());
    } else {
      line(content, fonts.regular(), 11, LEFT, y, row.english());
    }
  }

  /** A line in a smaller size where it would not fit the width (down to 8 points). */
  private static void fitted(
      PDPageContentStream content,
      PDFont font,
      float size,
      float x,
      float y,
      float width,
      String value)
      throws IOException {
    String text = printable(font, value);
    float fits = size;
    while (fits > 8 && font.getStringWidth(text) / 1000 * fits > width) {
      fits -= 0.5f;
    }
    line(content, font, fits, x, y, text);
  }

  /** A title, made bold by stroking the glyphs' outlines too (the CJK font has no bold face). */
  private static void title(
      PDPageContentStream content, PDFont font, float size, float x, float y, String value)
      throws IOException {
    content.setLineWidth(0.6f);
    content.beginText();
    content.setRenderingMode(RenderingMode.FILL_STROKE);
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(printable(font, value));
    content.setRenderingMode(RenderingMode.FILL);
    content.endText();
  }

  private static void line(
      PDPageContentStream content, PDFont font, float size, float x, float y, String value)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(printable(font, value));
    content.endText();
  }

  /** The text with every character the font cannot encode replaced by {@code ?}. */
  static String printable(PDFont font, String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> out.appendCodePoint(canEncode(font, cp) ? cp : '?'));
    return out.toString();
  }

  /** The characters of the text the font cannot encode, as {@code U+XXXX}, or "". */
  static String missingGlyphs(PDFont font, String text) {
    return text.codePoints()
        .distinct()
        .filter(cp -> !canEncode(font, cp))
        .mapToObj(cp -> String.format("U+%04X", cp))
        .collect(Collectors.joining(" "));
  }

  private static boolean canEncode(PDFont font, int codePoint) {
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
