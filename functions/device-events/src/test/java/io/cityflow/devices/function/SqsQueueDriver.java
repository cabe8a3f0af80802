package io.cityflow.devices.function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An in-process ElasticMQ and a loop that plays the part of Lambda's SQS event source mapping:
 * receive up to ten records, invoke the handler, delete what it did not report as failed.
 */
final class SqsQueueDriver implements AutoCloseable {
  final SQSRestServer server;
  final String endpoint;
  final SqsClient sqs;

  SqsQueueDriver() {
    server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
    int port = server.waitUntilStarted().localAddress().getPort();
    endpoint = "http://127.0.0.1:" + port;
    sqs =
        SqsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
  }

  String createQueue(String name) {
    return sqs.createQueue(q -> q.queueName(name)).queueUrl();
  }

  void send(String queueUrl, String body) {
    sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
  }

  /** Drains the queue through the handler; returns how many times it was invoked. */
  int drain(String queueUrl, SqsDeviceEventFunction function, int maxRounds) {
    return drain(queueUrl, function, maxRounds, 30);
  }

  /**
   * Drains the queue through the handler, deleting only what it did not report as failed, as the
   * Lambda event source mapping does; a failed record comes back after {@code visibilitySeconds}.
   */
  int drain(
      String queueUrl, SqsDeviceEventFunction function, int maxRounds, int visibilitySeconds) {
    int invocations = 0;
    int emptyPolls = 0;
    while (emptyPolls < visibilitySeconds + 2 && invocations < maxRounds) {
      List<Message> messages =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .visibilityTimeout(visibilitySeconds)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (messages.isEmpty()) {
        emptyPolls++;
        continue;
      }
      emptyPolls = 0;
      SQSBatchResponse response = function.handleRequest(toEvent(messages), null);
      invocations++;
      Set<String> failed =
          response.getBatchItemFailures().stream()
              .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
              .collect(Collectors.toSet());
      for (Message message : messages) {
        if (!failed.contains(message.messageId())) {
          sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
      }
    }
    return invocations;
  }

  List<Message> receiveAll(String queueUrl) {
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> batch =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All"))
              .messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
  }

  static SQSEvent toEvent(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      record.setEventSource("aws:sqs");
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  @Override
  public void close() {
    sqs.close();
    server.stopAndWait();
  }
}
