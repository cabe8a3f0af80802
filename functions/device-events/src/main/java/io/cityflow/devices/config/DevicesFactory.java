package io.cityflow.devices.config;

import io.camunda.client.CamundaClient;
import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.HeartbeatMonitor;
import io.cityflow.devices.KeyedIngest;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Wires the device-events core for the Micronaut hosts (HTTP ingest, MQTT, heartbeat scheduler),
 * through {@link DevicesWiring}, which the Lambda functions use too. Every key lives under {@code
 * cityflow.devices}; see {@code docs/device-events.md} for the list.
 */
@Factory
public class DevicesFactory {

  @Singleton
  AlertRules alertRules(@Nullable @Property(name = DevicesWiring.RULES_FILE) String file) {
    return DevicesWiring.alertRules(file);
  }

  @Singleton
  DeviceEventParser deviceEventParser(
      @Property(
              name = DevicesWiring.MAX_CLOCK_SKEW,
              defaultValue = DevicesWiring.DEFAULT_MAX_CLOCK_SKEW)
          Duration maxClockSkew) {
    return DevicesWiring.parser(maxClockSkew);
  }

  @Singleton
  DeviceStore deviceStore(
      DataSource dataSource,
      Optional<DataSourceResolver> resolver,
      @Property(name = DevicesWiring.MIGRATE, defaultValue = "true") boolean migrate) {
    return DevicesWiring.store(
        resolver.map(r -> r.resolve(dataSource)).orElse(dataSource), migrate, null);
  }

  @Singleton
  DeviceEventProcessor deviceEventProcessor(
      DeviceEventParser parser, AlertRules rules, DeviceStore store, AlertPublisher publisher) {
    return DevicesWiring.processor(parser, rules, store, publisher);
  }

  @Singleton
  KeyedIngest keyedIngest(DeviceStore store, DeviceEventProcessor processor) {
    return new KeyedIngest(store, processor);
  }

  @Singleton
  HeartbeatMonitor heartbeatMonitor(
      AlertRules rules,
      DeviceStore store,
      AlertPublisher publisher,
      @Property(
              name = DevicesWiring.DEDUP_RETENTION,
              defaultValue = DevicesWiring.DEFAULT_DEDUP_RETENTION)
          Duration retention,
      @Property(
              name = DevicesWiring.HEARTBEAT_BATCH_LIMIT,
              defaultValue = DevicesWiring.DEFAULT_HEARTBEAT_BATCH_LIMIT)
          int limit) {
    return DevicesWiring.heartbeatMonitor(rules, store, publisher, retention, limit);
  }

  /** Publishes through the process's one {@link CamundaClient} (camunda-support). */
  @Singleton
  @Requires(missingBeans = AlertPublisher.class)
  AlertPublisher camundaAlertPublisher(
      BeanLocator beans,
      @Property(
              name = DevicesWiring.PUBLISH_TIMEOUT,
              defaultValue = DevicesWiring.DEFAULT_PUBLISH_TIMEOUT)
          Duration timeout) {
    return DevicesWiring.camundaPublisher(
        DevicesWiring.memoized(() -> beans.getBean(CamundaClient.class)), timeout);
  }
}
