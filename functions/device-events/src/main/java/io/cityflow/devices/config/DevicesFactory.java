package io.cityflow.devices.config;

import io.camunda.client.CamundaClient;
import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.HeartbeatMonitor;
import io.cityflow.devices.KeyedIngest;
import io.cityflow.devices.camunda.CamundaAlertPublisher;
import io.cityflow.devices.persistence.DeviceSchema;
import io.cityflow.devices.persistence.JdbcDeviceStore;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the device-events core for Micronaut. Every key lives under {@code cityflow.devices}; see
 * {@code docs/device-events.md} for the list.
 */
@Factory
public class DevicesFactory {
  private static final Logger LOG = LoggerFactory.getLogger(DevicesFactory.class);
  private static final String DEFAULT_RULES = "devices/alert-rules.json";

  @Singleton
  AlertRules alertRules(@Nullable @Property(name = "cityflow.devices.rules-file") String file) {
    try (InputStream in =
        file == null
            ? DevicesFactory.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)
            : Files.newInputStream(Path.of(file))) {
      if (in == null) {
        throw new IllegalStateException("the alert rules " + DEFAULT_RULES + " are missing");
      }
      return AlertRules.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the alert rules", e);
    }
  }

  @Singleton
  DeviceEventParser deviceEventParser(
      @Property(name = "cityflow.devices.max-clock-skew", defaultValue = "PT5M")
          Duration maxClockSkew) {
    return new DeviceEventParser(Clock.systemUTC(), maxClockSkew);
  }

  @Singleton
  DeviceStore deviceStore(
      DataSource dataSource,
      Optional<DataSourceResolver> resolver,
      @Property(name = "cityflow.devices.migrate.enabled", defaultValue = "true") boolean migrate) {
    DataSource target = resolver.map(r -> r.resolve(dataSource)).orElse(dataSource);
    if (migrate) {
      int applied = DeviceSchema.migrate(target);
      if (applied > 0) {
        LOG.info("Applied {} device schema migrations", applied);
      }
    }
    return new JdbcDeviceStore(target);
  }

  @Singleton
  DeviceEventProcessor deviceEventProcessor(
      DeviceEventParser parser, AlertRules rules, DeviceStore store, AlertPublisher publisher) {
    return new DeviceEventProcessor(parser, rules, store, publisher, Clock.systemUTC());
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
      @Property(name = "cityflow.devices.dedup-retention", defaultValue = "P7D") Duration retention,
      @Property(name = "cityflow.devices.heartbeat.batch-limit", defaultValue = "1000") int limit) {
    return new HeartbeatMonitor(rules, store, publisher, Clock.systemUTC(), retention, limit);
  }

  /**
   * Publishes through the process's one {@link CamundaClient} (camunda-support, {@code
   * cityflow.camunda.*}), looked up on the first signal: building it loads a large class graph that
   * a batch without alerts never needs, least of all during a Lambda cold start.
   */
  @Singleton
  @Requires(missingBeans = AlertPublisher.class)
  AlertPublisher camundaAlertPublisher(
      BeanLocator beans,
      @Property(name = "cityflow.devices.camunda.publish-timeout", defaultValue = "PT10S")
          Duration timeout) {
    return new CamundaAlertPublisher(
        new Memoized<>(() -> beans.getBean(CamundaClient.class)), timeout);
  }

  /** Looks the client up on first use only: most batches raise no alert. */
  private static final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> source;
    private volatile T value;

    Memoized(Supplier<T> source) {
      this.source = source;
    }

    @Override
    public T get() {
      T result = value;
      if (result == null) {
        synchronized (this) {
          if (value == null) {
            value = source.get();
          }
          result = value;
        }
      }
      return result;
    }
  }
}
