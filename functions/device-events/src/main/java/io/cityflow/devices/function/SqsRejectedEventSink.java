package io.cityflow.devices.function;

import io.cityflow.devices.Rejection;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends rejected events to the dead-letter queue at {@code cityflow.devices.sqs.rejected-queue-url}
 * straight away, with the reason as message attributes ({@code rejection-code}, {@code
 * rejection-field}, {@code rejection-detail}), instead of letting them be received again and again
 * until the redrive policy gives up. Without that URL it diverts nothing. The SQS client is built
 * on first use, so that a cold start pays nothing for it, or by {@link #prime()} before a SnapStart
 * snapshot.
 */
public final class SqsRejectedEventSink implements RejectedEventSink, AutoCloseable {

  private final String queueUrl;
  private final String endpoint;
  private final String region;
  private SqsClient client;

  /**
   * @param queueUrl {@code cityflow.devices.sqs.rejected-queue-url}, or {@code null}
   * @param endpoint {@code cityflow.devices.sqs.endpoint}, a local SQS (ElasticMQ), or {@code null}
   * @param region {@code cityflow.devices.sqs.region}, or {@code null} for the runtime's
   */
  public SqsRejectedEventSink(String queueUrl, String endpoint, String region) {
    this.queueUrl = queueUrl;
    this.endpoint = endpoint;
    this.region = region;
  }

  @Override
  public boolean divert(String messageId, String body, Rejection rejection) {
    log().warn("Rejected SQS message {}: {}", messageId, rejection.describe());
    if (queueUrl == null) {
      return false;
    }
    Map<String, MessageAttributeValue> attributes =
        new java.util.HashMap<>(
            Map.of(
                "rejection-code", text(rejection.code()),
                "rejection-detail", text(rejection.detail()),
                "source-message-id", text(messageId)));
    if (rejection.field() != null) {
      attributes.put("rejection-field", text(rejection.field()));
    }
    client()
        .sendMessage(
            m ->
                m.queueUrl(queueUrl)
                    .messageBody(body.isEmpty() ? "(empty)" : body)
                    .messageAttributes(attributes));
    return true;
  }

  /** Builds the SQS client now, if there is a queue to send to. */
  public void prime() {
    if (queueUrl != null) {
      client();
    }
  }

  private synchronized SqsClient client() {
    if (client == null) {
      SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
      if (region != null) {
        builder.region(Region.of(region));
      }
      if (endpoint != null) {
        builder
            .endpointOverride(URI.create(endpoint))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
      }
      client = builder.build();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /**
   * The logger, looked up when something is logged: SLF4J finds its provider by scanning the class
   * path, which a Lambda cold start should not pay for before its first event.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(SqsRejectedEventSink.class);
  }
}
