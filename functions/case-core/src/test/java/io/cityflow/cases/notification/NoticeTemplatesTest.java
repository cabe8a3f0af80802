package io.cityflow.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.NoticeLanguage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoticeTemplatesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  static Stream<String> templateNames() {
    return NoticeTemplates.templates().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void everyTemplateNamesTheSamePlaceholdersInChineseAndEnglish(String name) {
    NoticeTemplates.Bilingual template = NoticeTemplates.templates().get(name);

    Set<String> chinese = placeholders(template.chinese());
    Set<String> english = placeholders(template.english());

    assertThat(chinese).as("placeholders of %s", name).isNotEmpty().isEqualTo(english);
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void everyTemplateRendersChineseFirstThenEnglishWithEveryFieldInBoth(String name) {
    // given a distinct value for every placeholder of the template
    Map<String, String> fields = new HashMap<>();
    for (String field : placeholders(NoticeTemplates.templates().get(name).english())) {
      fields.put(field, "<" + field + ">");
    }

    // when
    NoticeTemplates.Text text = NoticeTemplates.render(name, fields);

    // then the subject is "<中文> / <English>" and the body Chinese, a blank line, English
    String[] subject = text.subject().split(" / ");
    String[] body = text.body().split("\n\n");
    assertThat(subject).hasSize(2);
    assertThat(body).hasSize(2);
    assertThat(subject[0]).containsPattern(CHINESE);
    assertThat(body[0]).containsPattern(CHINESE);
    assertThat(subject[1]).doesNotContainPattern(CHINESE);
    assertThat(body[1]).doesNotContainPattern(CHINESE);
    for (String value : fields.values()) {
      assertThat(subject[0] + body[0]).as("Chinese half of %s", name).contains(value);
      assertThat(subject[1] + body[1]).as("English half of %s", name).contains(value);
    }
    assertThat(text.subject() + text.body()).doesNotContain("{");
  }

  @Test
  void fillsTheFieldsAndLeavesAPlainGapInEachLanguageForMissingOnes() {
    NoticeTemplates.Text text =
        NoticeTemplates.render("APPLICATION_REJECTED", Map.of("reference", "YC-2026-000007"));

    assertThat(text.subject())
        .isEqualTo("您的申请 YC-2026-000007 未获批准 / Your application YC-2026-000007 was not approved");
    assertThat(text.body())
        .isEqualTo(
            "您的申请 YC-2026-000007 未获批准。原因：（详见查询页面）\n\n"
                + "Your application YC-2026-000007 was not approved. Reason: (see details)");
  }

  @Test
  void fieldValuesAreTakenLiterally() {
    NoticeTemplates.Text text =
        NoticeTemplates.render(
            "TICKET_REPLY", Map.of("reference", "R", "replyText", "Costs $5 {reference}"));

    assertThat(text.body().split("Costs \\$5 \\{reference}", -1)).hasSize(3);
  }

  @Test
  void aRevokedCertificateNamesTheCertificatePermitAndReasonAndPointsToThePublicCheck() {
    // given the fields the revocation passes, and the reference the notifier adds
    Map<String, String> fields =
        Map.of(
            "reference", "YC-2026-000042",
            "certificateNumber", "YC-2026-000042-C",
            "permitType", "tree-felling",
            "revokedOn", "2026-12-07",
            "revocationReason", "The permitted trees are protected.");

    // when
    NoticeTemplates.Text text = NoticeTemplates.render("CERTIFICATE_REVOKED", fields);

    // then
    assertThat(text.subject())
        .isEqualTo(
            "您的证书 YC-2026-000042-C 已被撤销 / Your certificate YC-2026-000042-C has been revoked");
    assertThat(text.body())
        .contains("证书 YC-2026-000042-C（tree-felling）已于 2026-12-07 被撤销")
        .contains("原因：The permitted trees are protected.")
        .contains("二维码")
        .contains("certificate YC-2026-000042-C (tree-felling)")
        .contains("application YC-2026-000042 on 2026-12-07")
        .contains("Reason: The permitted trees are protected.")
        .contains("QR code")
        .doesNotContain("(see details)", "（详见查询页面）");
  }

  @Test
  void anExpiringCertificateNamesPermitNumberAndDayAndSaysARenewalIsANewApplication() {
    // given the fields the expiry reminder passes, and the reference the notifier adds
    Map<String, String> fields =
        Map.of(
            "reference", "YC-2026-000042",
            "certificateNumber", "YC-2026-000042-C",
            "permitType", "tree-felling",
            "validUntil", "2027-01-06");

    // when
    NoticeTemplates.Text english =
        NoticeTemplates.render("CERTIFICATE_EXPIRING", fields, NoticeLanguage.ENGLISH);
    NoticeTemplates.Text chinese =
        NoticeTemplates.render("CERTIFICATE_EXPIRING", fields, NoticeLanguage.CHINESE);
    NoticeTemplates.Text both = NoticeTemplates.render("CERTIFICATE_EXPIRING", fields);

    // then
    assertThat(english.subject())
        .isEqualTo("Your certificate YC-2026-000042-C expires on 2027-01-06");
    assertThat(english.body())
        .isEqualTo(
            "Your tree-felling certificate YC-2026-000042-C (application YC-2026-000042)"
                + " expires on 2027-01-06; it is valid up to and including that day. Apply again"
                + " in time: a renewal is a new application.");
    assertThat(chinese.subject()).isEqualTo("您的证书 YC-2026-000042-C 将于 2027-01-06 到期");
    assertThat(chinese.body())
        .isEqualTo(
            "您的申请 YC-2026-000042 所获tree-felling证书 YC-2026-000042-C 将于 2027-01-06"
                + " 到期（当日仍有效）。如需继续，请及时重新申请：续期须提交新的申请。");
    assertThat(both.subject()).isEqualTo(chinese.subject() + " / " + english.subject());
    assertThat(both.body()).isEqualTo(chinese.body() + "\n\n" + english.body());
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void everyTemplateRendersInEnglishAloneAndInChineseAlone(String name) {
    // given a distinct value for every placeholder of the template
    Map<String, String> fields = new HashMap<>();
    for (String field : placeholders(NoticeTemplates.templates().get(name).english())) {
      fields.put(field, "<" + field + ">");
    }

    // when
    NoticeTemplates.Text english = NoticeTemplates.render(name, fields, NoticeLanguage.ENGLISH);
    NoticeTemplates.Text chinese = NoticeTemplates.render(name, fields, NoticeLanguage.CHINESE);
    NoticeTemplates.Text both = NoticeTemplates.render(name, fields, null);

    // then each is one half of the bilingual notice, with every field
    assertThat(english.subject() + english.body()).doesNotContainPattern(CHINESE);
    assertThat(chinese.subject()).containsPattern(CHINESE).doesNotContain(" / ");
    assertThat(chinese.body()).containsPattern(CHINESE).doesNotContain("\n\n");
    assertThat(both.subject()).isEqualTo(chinese.subject() + " / " + english.subject());
    assertThat(both.body()).isEqualTo(chinese.body() + "\n\n" + english.body());
    assertThat(both).isEqualTo(NoticeTemplates.render(name, fields));
    for (String value : fields.values()) {
      assertThat(english.subject() + english.body()).as("English %s", name).contains(value);
      assertThat(chinese.subject() + chinese.body()).as("Chinese %s", name).contains(value);
    }
  }

  @Test
  void oneLanguageLeavesItsOwnGapForAMissingField() {
    Map<String, String> fields = Map.of("reference", "YC-2026-000007");

    assertThat(
            NoticeTemplates.render("APPLICATION_REJECTED", fields, NoticeLanguage.ENGLISH).body())
        .isEqualTo("Your application YC-2026-000007 was not approved. Reason: (see details)");
    assertThat(
            NoticeTemplates.render("APPLICATION_REJECTED", fields, NoticeLanguage.CHINESE).body())
        .isEqualTo("您的申请 YC-2026-000007 未获批准。原因：（详见查询页面）");
  }

  @Test
  void anUnknownTemplateIsAnError() {
    assertThatThrownBy(() -> NoticeTemplates.render("NOPE", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<String> placeholders(NoticeTemplates.Text text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text.subject() + " " + text.body());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
