package io.cityflow.workers.notify;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.OptedOutException;

/**
 * Sends notices as text messages with Amazon SNS ({@code cityflow.notify.sms.enabled=true}). Phone
 * numbers without a country code are taken as mainland China (+86). Messages are transactional, so
 * SNS routes them for reliability rather than price.
 */
@Singleton
@Requires(property = "cityflow.notify.sms.enabled", value = "true")
class SnsSmsNotifier implements CitizenNotifier {
  private final SnsClient sns;
  private final SmsProperties properties;

  SnsSmsNotifier(SmsProperties properties) {
    SnsClientBuilder builder =
        SnsClient.builder()
            .region(Region.of(properties.getRegion()))
            .httpClient(UrlConnectionHttpClient.create());
    if (properties.getEndpoint() != null) {
      builder.endpointOverride(properties.getEndpoint());
    }
    this.sns = builder.build();
    this.properties = properties;
  }

  @Override
  public String channel() {
    return "sms";
  }

  @Override
  public boolean canReach(Recipient recipient) {
    return recipient.hasPhone();
  }

  @Override
  public String send(Notice notice) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
    if (properties.getSenderId() != null) {
      attributes.put("AWS.SNS.SMS.SenderID", text(properties.getSenderId()));
    }
    try {
      return sns.publish(
              b ->
                  b.phoneNumber(e164(notice.recipient().phone()))
                      .message(notice.subject() + "\n" + notice.body())
                      .messageAttributes(attributes))
          .messageId();
    } catch (InvalidParameterException | OptedOutException e) {
      throw new RecipientRejected(e.awsErrorDetails().errorMessage());
    }
  }

  static String e164(String phone) {
    String digits = phone.replaceAll("[^0-9+]", "");
    return digits.startsWith("+") ? digits : "+86" + digits;
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  @PreDestroy
  void close() {
    sns.close();
  }
}
