package io.cityflow.devices.function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS batch handler: unpacks the records, hands them to the core as one batch, and reports
 * partial batch failures ({@code ReportBatchItemFailures} must be on in the event source mapping).
 * Only transient failures are reported, so that SQS retries just those records; rejected records go
 * to the dead-letter queue with their reason (or, without one configured, are reported and left to
 * the redrive policy).
 */
public class SqsDeviceEventFunction extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

  @Inject DeviceEventProcessor processor;
  @Inject RejectedEventSink rejected;

  public SqsDeviceEventFunction() {}

  public SqsDeviceEventFunction(ApplicationContext context) {
    super(context);
  }

  /**
   * Creates only the beans this handler needs, on demand: the Lambda default initialises every
   * singleton eagerly, which would build the Camunda client (a large class graph) before the first
   * event even when that event raises no alert. With SnapStart, priming initialises them instead
   * (see docs/device-events.md).
   */
  @Override
  protected ApplicationContextBuilder newApplicationContextBuilder() {
    return ApplicationContext.builder().environments(Environment.FUNCTION, "lambda");
  }

  @Override
  public SQSBatchResponse execute(SQSEvent event) {
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    List<IncomingEvent> batch = new ArrayList<>(records.size());
    for (SQSEvent.SQSMessage record : records) {
      batch.add(IncomingEvent.of(record.getBody()));
    }
    List<Outcome> outcomes = processor.process(batch);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      SQSEvent.SQSMessage record = records.get(i);
      Outcome outcome = outcomes.get(i);
      boolean failed =
          switch (outcome.status()) {
            case FAILED -> true;
            case REJECTED ->
                !rejected.divert(
                    record.getMessageId(),
                    record.getBody() == null ? "" : record.getBody(),
                    outcome.rejection());
            default -> false;
          };
      if (failed) {
        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
