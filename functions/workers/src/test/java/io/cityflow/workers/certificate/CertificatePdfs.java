package io.cityflow.workers.certificate;

import static org.assertj.core.api.Assertions.fail;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;

/** Reading certificates back as a person with a phone would. */
public final class CertificatePdfs {
  private CertificatePdfs() {}

  /**
   * A CJK font installed on this machine. CI installs fonts-wqy-microhei, so there its absence is
   * an error; elsewhere the test is skipped.
   */
  public static Path installedCjkFont() {
    return CertificateFont.installed(CertificateFont.KNOWN_FONTS)
        .map(CertificateFont::file)
        .orElseGet(
            () -> {
              if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI must install a CJK font (apt-get install fonts-wqy-microhei)");
              }
              Assumptions.abort("no CJK font installed (apt-get install fonts-wqy-microhei)");
              return null;
            });
  }

  /**
   * Prints the first page at 150 dpi and reads the QR code on it.
   *
   * @throws NotFoundException when the page has none
   */
  public static String decodeQr(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.RGB);
      int width = image.getWidth();
      int height = image.getHeight();
      int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))),
              Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
          .getText();
    }
  }
}
