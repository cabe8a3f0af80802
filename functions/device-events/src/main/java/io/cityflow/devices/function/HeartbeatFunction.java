package io.cityflow.devices.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cityflow.devices.HeartbeatMonitor;
import io.cityflow.devices.config.FunctionWiring;
import java.util.Map;

/**
 * The scheduled heartbeat check on AWS (an EventBridge schedule, every minute): raises the {@code
 * offline} alarm of devices silent for longer than their type allows, and forgets old event ids.
 * The event itself carries nothing the check needs; the answer says what the sweep did ({@code
 * offline}, {@code forgottenEvents}).
 *
 * <p>Like {@link SqsDeviceEventFunction} it starts without a Micronaut context, wired by {@link
 * FunctionWiring} (ADR 0016), with only the parts the check uses: rules, store and hand-off. The
 * wiring builds the Camunda client before a SnapStart snapshot, closes the database connection for
 * it and reconnects after a restore.
 */
public class HeartbeatFunction
    implements RequestHandler<ScheduledEvent, Map<String, Integer>>, AutoCloseable {

  private final FunctionWiring wiring;
  private final HeartbeatMonitor monitor;

  /** The Lambda runtime's constructor: settings from the environment. */
  public HeartbeatFunction() {
    this(FunctionWiring.fromEnvironment(FunctionWiring.Entry.HEARTBEAT));
  }

  public HeartbeatFunction(FunctionWiring wiring) {
    this.wiring = wiring;
    this.monitor = wiring.heartbeatMonitor();
  }

  /** A failed sweep fails the invocation, so that EventBridge retries it. */
  @Override
  public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
    HeartbeatMonitor.Sweep sweep = monitor.sweep();
    return Map.of("offline", sweep.offline(), "forgottenEvents", sweep.forgottenEvents());
  }

  @Override
  public void close() {
    wiring.close();
  }
}
