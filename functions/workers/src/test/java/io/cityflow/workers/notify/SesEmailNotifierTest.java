package io.cityflow.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SES v2 adapter through the real AWS SDK against an in-process fake of the SES v2 API. */
class SesEmailNotifierTest {

  @BeforeAll
  static void credentials() {
    FakeAws.useTestCredentials();
  }

  static SesEmailNotifier notifier(FakeAws fake) {
    EmailProperties properties = new EmailProperties();
    properties.setFrom("notices@city.example");
    properties.setEndpoint(fake.endpoint());
    return new SesEmailNotifier(properties);
  }

  static Notice notice() {
    return new Notice(
        "job:2",
        UUID.randomUUID(),
        new Recipient("Li Na", null, "li@example.cn"),
        "APPLICATION_APPROVED",
        "Your application YC-2026-000002 is approved",
        "Certificate YC-2026-000002-C can be downloaded.");
  }

  @Test
  void sendsAPlainTextEmailFromTheConfiguredSender() throws Exception {
    try (FakeAws fake =
        new FakeAws(
            r -> new FakeAws.Answer(200, "application/json", "{\"MessageId\":\"ses-7\"}", null))) {
      String id = notifier(fake).send(notice());

      assertThat(id).isEqualTo("ses-7");
      FakeAws.Request request = fake.requests.get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v2/email/outbound-emails");
      assertThat(request.body())
          .contains("\"FromEmailAddress\":\"notices@city.example\"")
          .contains("li@example.cn")
          .contains("Your application YC-2026-000002 is approved")
          .contains("Certificate YC-2026-000002-C can be downloaded.");
    }
  }

  @Test
  void aRejectedMessageIsARefusedRecipient() throws Exception {
    try (FakeAws fake =
        new FakeAws(
            r ->
                new FakeAws.Answer(
                    400,
                    "application/json",
                    "{\"message\":\"Email address is not verified.\"}",
                    "MessageRejected"))) {
      SesEmailNotifier email = notifier(fake);

      assertThatThrownBy(() -> email.send(notice()))
          .isInstanceOf(CitizenNotifier.RecipientRejected.class)
          .hasMessageContaining("not verified");
    }
  }
}
