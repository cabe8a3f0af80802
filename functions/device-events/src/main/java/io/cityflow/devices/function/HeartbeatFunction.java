package io.cityflow.devices.function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cityflow.devices.HeartbeatMonitor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The scheduled heartbeat check on AWS (an EventBridge schedule, e.g. every minute): raises the
 * {@code offline} alarm of devices silent for longer than their type allows.
 */
public class HeartbeatFunction
    extends MicronautRequestHandler<ScheduledEvent, Map<String, Integer>> {

  @Inject HeartbeatMonitor monitor;

  public HeartbeatFunction() {}

  public HeartbeatFunction(ApplicationContext context) {
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
  public Map<String, Integer> execute(ScheduledEvent event) {
    HeartbeatMonitor.Sweep sweep = monitor.sweep();
    return Map.of("offline", sweep.offline(), "forgottenEvents", sweep.forgottenEvents());
  }
}
