package io.cityflow.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTemplatesTest {

  @Test
  void fillsTheFieldsAndLeavesAPlainGapForMissingOnes() {
    NoticeTemplates.Text text =
        NoticeTemplates.render("APPLICATION_REJECTED", Map.of("reference", "YC-2026-000007"));

    assertThat(text.subject()).isEqualTo("Your application YC-2026-000007 was not approved");
    assertThat(text.body()).endsWith("Reason: (see details)");
  }

  @Test
  void fieldValuesAreTakenLiterally() {
    NoticeTemplates.Text text =
        NoticeTemplates.render(
            "TICKET_REPLY", Map.of("reference", "R", "replyText", "Costs $5 {reference}"));

    assertThat(text.body()).contains("Costs $5 {reference}");
  }

  @Test
  void anUnknownTemplateIsAnError() {
    assertThatThrownBy(() -> NoticeTemplates.render("NOPE", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
