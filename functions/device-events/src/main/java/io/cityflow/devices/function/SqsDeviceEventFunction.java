package io.cityflow.devices.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.cityflow.devices.config.FunctionWiring;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS batch handler: unpacks the records, hands them to the core as one batch, and reports
 * partial batch failures ({@code ReportBatchItemFailures} must be on in the event source mapping).
 * Only transient failures are reported, so that SQS retries just those records; rejected records go
 * to the dead-letter queue with their reason (or, without one configured, are reported and left to
 * the redrive policy).
 *
 * <p>It starts without a Micronaut context ({@link FunctionWiring}, ADR 0016), which is what keeps
 * its cold start near a plain handler's. The wiring primes the core before a SnapStart snapshot and
 * reconnects after a restore (see {@code docs/device-events.md}).
 */
public class SqsDeviceEventFunction
    implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {

  private final FunctionWiring wiring;
  private final DeviceEventProcessor processor;
  private final RejectedEventSink rejected;

  /** The Lambda runtime's constructor: settings from the environment. */
  public SqsDeviceEventFunction() {
    this(FunctionWiring.fromEnvironment(FunctionWiring.Entry.DEVICE_EVENTS));
  }

  public SqsDeviceEventFunction(FunctionWiring wiring) {
    this.wiring = wiring;
    this.processor = wiring.processor();
    this.rejected = wiring.rejected();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
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

  @Override
  public void close() {
    wiring.close();
  }
}
