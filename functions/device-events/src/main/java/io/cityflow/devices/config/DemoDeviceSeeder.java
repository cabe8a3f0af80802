package io.cityflow.devices.config;

import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.DeviceStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the demo devices at start-up when {@code cityflow.devices.demo.enabled} is true (local
 * stack only). Devices already registered are left as they are.
 */
@Singleton
@Requires(property = "cityflow.devices.demo.enabled", value = "true")
public class DemoDeviceSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DemoDeviceSeeder.class);

  private final DeviceStore store;
  private final int perType;

  public DemoDeviceSeeder(
      DeviceStore store,
      @Property(name = "cityflow.devices.demo.devices-per-type", defaultValue = "300")
          int perType) {
    this.store = store;
    this.perType = perType;
  }

  @EventListener
  public void onStartup(StartupEvent event) {
    int added = store.register(DemoDevices.generate(perType));
    LOG.info(
        "Demo devices: {} of each type ({} new), ids like dustbin-0001, key = demo-key-<deviceId>",
        perType,
        added);
  }
}
