package io.cityflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.engine.model.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

  @Test
  void readsResourcePartsWithFileNamesAndPlainFields() {
    String body =
        "--b1\r\n"
            + "Content-Disposition: form-data; name=\"resources\"; filename=\"p.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "<xml>\r\n</xml>\r\n"
            + "--b1\r\n"
            + "Content-Disposition: form-data; name=\"tenantId\"\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "<default>\r\n"
            + "--b1--\r\n";

    List<Multipart.Part> parts =
        Multipart.parse(
            "multipart/form-data; charset=ISO-8859-1; boundary=b1",
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).name()).isEqualTo("resources");
    assertThat(parts.get(0).filename()).isEqualTo("p.bpmn");
    assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8))
        .isEqualTo("<xml>\r\n</xml>");
    assertThat(parts.get(1).filename()).isNull();
    assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("<default>");
  }

  @Test
  void rejectsARequestWithoutBoundary() {
    assertThatThrownBy(() -> Multipart.parse("application/json", new byte[0]))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("boundary");
  }
}
