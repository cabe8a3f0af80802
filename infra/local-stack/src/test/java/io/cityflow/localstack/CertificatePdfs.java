package io.cityflow.localstack;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads an issued certificate as a person or a phone would: its text and its QR code. */
public final class CertificatePdfs {
  private CertificatePdfs() {}

  /** The text printed on the certificate. */
  public static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** Prints the first page at 150 dpi and reads the QR code on it, as a phone would. */
  public static String qrCode(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.RGB);
      int width = page.getWidth();
      int height = page.getHeight();
      int[] pixels = page.getRGB(0, 0, width, height, null, 0, width);
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))),
              Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
          .getText();
    }
  }
}
