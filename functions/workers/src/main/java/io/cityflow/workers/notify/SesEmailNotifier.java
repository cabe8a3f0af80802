package io.cityflow.workers.notify;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/**
 * Sends notices as plain-text e-mail with Amazon SES v2 ({@code
 * cityflow.notify.email.enabled=true}) from the configured sender.
 */
@Singleton
@Requires(property = "cityflow.notify.email.enabled", value = "true")
class SesEmailNotifier implements CitizenNotifier {
  private final SesV2Client ses;
  private final EmailProperties properties;

  SesEmailNotifier(EmailProperties properties) {
    SesV2ClientBuilder builder =
        SesV2Client.builder()
            .region(Region.of(properties.getRegion()))
            .httpClient(UrlConnectionHttpClient.create());
    if (properties.getEndpoint() != null) {
      builder.endpointOverride(properties.getEndpoint());
    }
    this.ses = builder.build();
    this.properties = properties;
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public boolean canReach(Recipient recipient) {
    return recipient.hasEmail();
  }

  @Override
  public String send(Notice notice) {
    try {
      return ses.sendEmail(
              b ->
                  b.fromEmailAddress(properties.getFrom())
                      .destination(d -> d.toAddresses(notice.recipient().email()))
                      .content(
                          c ->
                              c.simple(
                                  m ->
                                      m.subject(s -> s.data(notice.subject()).charset("UTF-8"))
                                          .body(
                                              body ->
                                                  body.text(
                                                      t ->
                                                          t.data(notice.body())
                                                              .charset("UTF-8"))))))
          .messageId();
    } catch (MessageRejectedException | BadRequestException e) {
      throw new RecipientRejected(e.awsErrorDetails().errorMessage());
    }
  }

  @PreDestroy
  void close() {
    ses.close();
  }
}
