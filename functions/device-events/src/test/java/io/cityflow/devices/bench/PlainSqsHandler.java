package io.cityflow.devices.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the cold-start benchmark: a plain aws-lambda-java-core handler that parses each
 * record's JSON and checks its fields, with no framework, database or engine.
 */
public class PlainSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage record : event.getRecords()) {
      try {
        JsonNode node = JSON.readTree(record.getBody());
        if (!node.path("deviceId").isTextual() || !node.path("eventId").isTextual()) {
          failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        }
      } catch (Exception e) {
        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
