package io.cityflow.workers.certificate;

import io.micronaut.context.exceptions.ConfigurationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font certificates are set in: a TrueType font (.ttf, .otf with TrueType outlines) or one font
 * of a TrueType collection (.ttc) that has Chinese glyphs and that PDFBox can embed as a subset.
 * Checked once, when the workers start, by setting a line of Chinese in a throw-away document, so
 * that a font PDFBox cannot use fails the start and not the first approval.
 *
 * <p>PDFBox subsets only TrueType outlines ({@code glyf}): fonts with PostScript (CFF) outlines,
 * such as Noto Sans CJK, are refused with that reason.
 *
 * @param file the font file
 * @param name the PostScript name of the font inside the file (the chosen member of a collection)
 * @param collection whether the file is a TrueType collection
 */
record CertificateFont(Path file, String name, boolean collection) {

  /**
   * Where Debian, Ubuntu, Fedora, macOS and Windows put common CJK fonts with TrueType outlines, in
   * order of preference. The workers' image installs the first one (fonts-wqy-microhei).
   */
  static final List<Path> KNOWN_FONTS =
      List.of(
          Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
          Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
          Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
          Path.of("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
          Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
          Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
          Path.of("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
          Path.of("/Library/Fonts/Arial Unicode.ttf"),
          Path.of("C:\\Windows\\Fonts\\msyh.ttc"),
          Path.of("C:\\Windows\\Fonts\\simsun.ttc"));

  /** Characters every certificate prints: the labels, and common surnames. */
  static final String PROBE = "许可证书编号持证人核验码王李张刘陈";

  /**
   * The configured font, checked.
   *
   * @throws ConfigurationException naming the setting and what is wrong with the file
   */
  static CertificateFont configured(String setting, Path file) {
    try {
      return check(file);
    } catch (UnusableFont e) {
      throw new ConfigurationException(setting + ": " + e.getMessage());
    }
  }

  /** The first of the candidates that is installed and usable. */
  static Optional<CertificateFont> installed(List<Path> candidates) {
    for (Path file : candidates) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        return Optional.of(check(file));
      } catch (UnusableFont e) {
        // An installed font that cannot be used is not an error here: the next one may do.
      }
    }
    return Optional.empty();
  }

  /** Opens the font for one document; close it after the document is saved (subsetting). */
  Opened open() throws IOException {
    if (!collection) {
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
      return new Opened(font, font);
    }
    TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
    try {
      TrueTypeFont font = ttc.getFontByName(name);
      if (font == null) {
        throw new IOException(file + " no longer holds the font " + name);
      }
      return new Opened(font, ttc);
    } catch (IOException | RuntimeException e) {
      ttc.close();
      throw e;
    }
  }

  /** A font opened for one document, with what must be closed once the document is saved. */
  record Opened(TrueTypeFont font, Closeable source) implements Closeable {
    @Override
    public void close() throws IOException {
      source.close();
    }
  }

  private static CertificateFont check(Path file) throws UnusableFont {
    if (!Files.exists(file)) {
      throw new UnusableFont(file + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UnusableFont(file + " is not a readable file");
    }
    String tag;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      tag = head.length < 4 ? "" : new String(head, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UnusableFont(file + " cannot be read: " + e.getMessage());
    }
    CertificateFont font =
        switch (tag) {
          case "ttcf" -> new CertificateFont(file, chooseInCollection(file), true);
          case "\0\1\0\0", "true" -> new CertificateFont(file, single(file), false);
          case "OTTO" ->
              throw new UnusableFont(
                  file
                      + " has PostScript (CFF) outlines, which PDFBox cannot embed as a subset;"
                      + " use a TrueType font such as WenQuanYi Micro Hei (fonts-wqy-microhei)");
          default -> throw new UnusableFont(file + " is not a TrueType or OpenType font file");
        };
    font.trySetting();
    return font;
  }

  private static String single(Path file) throws UnusableFont {
    try (TrueTypeFont font =
        new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))) {
      String problem = problem(font);
      if (problem != null) {
        throw new UnusableFont(file + ": " + problem);
      }
      return font.getName();
    } catch (IOException e) {
      throw new UnusableFont(file + " cannot be read as a font: " + e.getMessage());
    }
  }

  /** The first member of the collection with TrueType outlines and Chinese glyphs. */
  private static String chooseInCollection(Path file) throws UnusableFont {
    List<String> problems = new ArrayList<>();
    String[] chosen = {null};
    try (TrueTypeCollection ttc = new TrueTypeCollection(file.toFile())) {
      ttc.processAllFonts(
          font -> {
            if (chosen[0] != null) {
              return;
            }
            String problem = problem(font);
            if (problem == null) {
              chosen[0] = font.getName();
            } else {
              problems.add(font.getName() + ": " + problem);
            }
          });
    } catch (IOException e) {
      throw new UnusableFont(file + " cannot be read as a font collection: " + e.getMessage());
    }
    if (chosen[0] == null) {
      throw new UnusableFont(file + " has no usable font (" + String.join("; ", problems) + ")");
    }
    return chosen[0];
  }

  /** Why PDFBox cannot set certificates in this font, or null. */
  private static String problem(TrueTypeFont font) throws IOException {
    if (!font.getTableMap().containsKey("glyf")) {
      return "it has PostScript (CFF) outlines, which PDFBox cannot embed as a subset;"
          + " use a TrueType font such as WenQuanYi Micro Hei (fonts-wqy-microhei)";
    }
    CmapLookup cmap = font.getUnicodeCmapLookup(false);
    if (cmap == null) {
      return "it has no Unicode character map";
    }
    StringBuilder missing = new StringBuilder();
    PROBE.codePoints().filter(cp -> cmap.getGlyphId(cp) == 0).forEach(missing::appendCodePoint);
    return missing.isEmpty() ? null : "it has no glyphs for the Chinese characters " + missing;
  }

  /** Sets the probe text in a throw-away document and saves it, embedding a subset. */
  private void trySetting() throws UnusableFont {
    try (Opened opened = open();
        PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      PDType0Font font = PDType0Font.load(document, opened.font(), true);
      try (PDPageContentStream text = new PDPageContentStream(document, page)) {
        text.beginText();
        text.setFont(font, 12);
        text.showText(PROBE + " ABC-123");
        text.endText();
      }
      document.save(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      throw new UnusableFont(
          file + " (" + name + ") cannot be embedded by PDFBox: " + e.getMessage());
    }
  }

  /** A font file the certificates cannot use, and why. */
  static final class UnusableFont extends Exception {
    UnusableFont(String message) {
      super(message);
    }
  }
}
