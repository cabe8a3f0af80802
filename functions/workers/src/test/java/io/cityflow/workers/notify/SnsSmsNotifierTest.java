package io.cityflow.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SNS adapter through the real AWS SDK against an in-process fake of the SNS query API. */
class SnsSmsNotifierTest {
  static final String PUBLISHED =
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>msg-42</MessageId></PublishResult><ResponseMetadata><RequestId>r1"
          + "</RequestId></ResponseMetadata></PublishResponse>";
  static final String INVALID =
      "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender"
          + "</Type><Code>InvalidParameter</Code><Message>Invalid parameter: PhoneNumber"
          + "</Message></Error><RequestId>r2</RequestId></ErrorResponse>";

  @BeforeAll
  static void credentials() {
    FakeAws.useTestCredentials();
  }

  static SnsSmsNotifier notifier(FakeAws fake) {
    SmsProperties properties = new SmsProperties();
    properties.setRegion("cn-northwest-1");
    properties.setSenderId("CityFlow");
    properties.setEndpoint(fake.endpoint());
    return new SnsSmsNotifier(properties);
  }

  static Notice notice(String phone) {
    return new Notice(
        "job:1",
        UUID.randomUUID(),
        new Recipient("李娜", phone, null),
        "TICKET_REPLY",
        "Reply to YC-2026-000001",
        "The lamp was replaced.");
  }

  @Test
  void publishesATransactionalTextMessageToTheE164Number() throws Exception {
    try (FakeAws fake = new FakeAws(r -> new FakeAws.Answer(200, "text/xml", PUBLISHED, null))) {
      String id = notifier(fake).send(notice("138 0000 1234"));

      assertThat(id).isEqualTo("msg-42");
      String form = URLDecoder.decode(fake.requests.get(0).body(), StandardCharsets.UTF_8);
      assertThat(form)
          .contains("Action=Publish")
          .contains("PhoneNumber=+8613800001234")
          .contains("Message=Reply to YC-2026-000001\nThe lamp was replaced.")
          .contains("Transactional")
          .contains("CityFlow");
    }
  }

  @Test
  void anInvalidNumberIsARefusedRecipientNotARetry() throws Exception {
    try (FakeAws fake = new FakeAws(r -> new FakeAws.Answer(400, "text/xml", INVALID, null))) {
      SnsSmsNotifier sms = notifier(fake);

      assertThatThrownBy(() -> sms.send(notice("12")))
          .isInstanceOf(CitizenNotifier.RecipientRejected.class)
          .hasMessageContaining("PhoneNumber");
    }
  }

  @Test
  void reachesOnlyRecipientsWithAPhone() throws Exception {
    try (FakeAws fake = new FakeAws(r -> new FakeAws.Answer(200, "text/xml", PUBLISHED, null))) {
      SnsSmsNotifier sms = notifier(fake);
      assertThat(sms.canReach(new Recipient("a", "13800001234", null))).isTrue();
      assertThat(sms.canReach(new Recipient("a", null, "a@example.cn"))).isFalse();
    }
  }
}
