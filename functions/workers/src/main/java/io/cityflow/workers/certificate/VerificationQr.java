package io.cityflow.workers.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Draws a QR code as vector squares, so that it stays sharp when printed at any size. Level M error
 * correction survives a crease or a stain on a printed certificate; the caller leaves the quiet
 * zone (four modules of white) around it.
 */
final class VerificationQr {
  private VerificationQr() {}

  /** The modules of the QR code of {@code content}, without a quiet zone. */
  static BitMatrix encode(String content) {
    try {
      return new QRCodeWriter()
          .encode(
              content,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  0));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + content, e);
    }
  }

  /**
   * Draws the QR code of {@code content} with its lower left corner at ({@code x}, {@code y}),
   * {@code size} points wide and high. Must be called outside a text object.
   */
  static void draw(PDPageContentStream page, String content, float x, float y, float size)
      throws IOException {
    BitMatrix modules = encode(content);
    int count = modules.getWidth();
    float module = size / count;
    page.setNonStrokingColor(0f);
    for (int row = 0; row < count; row++) {
      float top = y + size - row * module;
      int col = 0;
      while (col < count) {
        if (!modules.get(col, row)) {
          col++;
          continue;
        }
        int start = col;
        while (col < count && modules.get(col, row)) {
          col++;
        }
        // One rectangle per run of dark modules in a row.
        page.addRect(x + start * module, top - module, (col - start) * module, module);
      }
    }
    page.fill();
  }
}
