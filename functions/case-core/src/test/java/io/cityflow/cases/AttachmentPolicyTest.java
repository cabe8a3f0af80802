package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttachmentPolicyTest {

  @Test
  void recognisesTypesByTheirFirstBytes() {
    assertThat(AttachmentPolicy.check("f", "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("application/pdf");
    assertThat(
            AttachmentPolicy.check(
                "f", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0}))
        .isEqualTo("image/png");
    assertThat(AttachmentPolicy.check("f", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1}))
        .isEqualTo("image/jpeg");
  }

  @Test
  void refusesAnExecutableWhateverItIsCalled() {
    byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    assertThatThrownBy(() -> AttachmentPolicy.check("attachments[0].content", elf))
        .isInstanceOf(CaseRuleViolation.class)
        .extracting(e -> ((CaseRuleViolation) e).field())
        .isEqualTo("attachments[0].content");
  }

  @Test
  void refusesFilesOverTheLimitAndEmptyFiles() {
    byte[] big = new byte[AttachmentPolicy.MAX_BYTES + 1];
    big[0] = '%';
    assertThatThrownBy(() -> AttachmentPolicy.check("f", big)).hasMessageContaining("at most");
    assertThatThrownBy(() -> AttachmentPolicy.check("f", new byte[0]))
        .hasMessageContaining("empty");
  }
}
