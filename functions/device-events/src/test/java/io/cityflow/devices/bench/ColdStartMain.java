package io.cityflow.devices.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One cold start: instantiate the handler class named in {@code args[0]} (as the Lambda runtime
 * does), hand it one SQS record with the body in file {@code args[1]}, print the result, exit.
 */
public final class ColdStartMain {
  private ColdStartMain() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    RequestHandler<SQSEvent, SQSBatchResponse> handler =
        (RequestHandler<SQSEvent, SQSBatchResponse>)
            Class.forName(args[0]).getDeclaredConstructor().newInstance();
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId("cold-1");
    record.setBody(Files.readString(Path.of(args[1])));
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(record));
    SQSBatchResponse response = handler.handleRequest(event, null);
    System.out.println("handled failures=" + response.getBatchItemFailures().size());
    System.out.flush();
    System.exit(response.getBatchItemFailures().isEmpty() ? 0 : 3);
  }
}
