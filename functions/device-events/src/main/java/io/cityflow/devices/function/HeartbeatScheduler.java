package io.cityflow.devices.function;

import io.cityflow.devices.HeartbeatMonitor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat check inside a long-running JVM (local stack), every {@code
 * cityflow.devices.heartbeat.interval} when {@code cityflow.devices.heartbeat.enabled} is true.
 */
@Singleton
@Requires(property = "cityflow.devices.heartbeat.enabled", value = "true")
public class HeartbeatScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatScheduler.class);

  private final HeartbeatMonitor monitor;

  public HeartbeatScheduler(HeartbeatMonitor monitor) {
    this.monitor = monitor;
  }

  @Scheduled(
      fixedDelay = "${cityflow.devices.heartbeat.interval:1m}",
      initialDelay = "${cityflow.devices.heartbeat.interval:1m}")
  void sweep() {
    try {
      HeartbeatMonitor.Sweep sweep = monitor.sweep();
      if (sweep.offline() > 0) {
        LOG.info("Heartbeat: {} devices went offline", sweep.offline());
      }
    } catch (RuntimeException e) {
      LOG.warn("Heartbeat sweep failed; the next one will try again", e);
    }
  }
}
