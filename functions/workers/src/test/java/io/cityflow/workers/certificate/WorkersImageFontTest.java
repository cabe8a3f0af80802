package io.cityflow.workers.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersImageFontTest {

  @Test
  void theImageInstallsTheFirstKnownCjkFontAndNamesItAsTheCertificateFont() throws Exception {
    // given the workers' Dockerfile
    List<String> dockerfile = Files.readAllLines(Path.of("Dockerfile"));

    // then it installs WenQuanYi Micro Hei from the distribution's packages
    assertThat(dockerfile).anySatisfy(line -> assertThat(line).contains("fonts-wqy-microhei"));
    // and names the file that package installs, the first the renderer looks for, so a font
    // that went missing from the image stops the workers at start
    assertThat(dockerfile)
        .contains(
            "ENV CITYFLOW_CERTIFICATES_FONT="
                + CertificateFont.KNOWN_FONTS.get(0).toString().replace('\\', '/'));
    assertThat(CertificateFont.KNOWN_FONTS.get(0).getFileName()).hasToString("wqy-microhei.ttc");
  }
}
