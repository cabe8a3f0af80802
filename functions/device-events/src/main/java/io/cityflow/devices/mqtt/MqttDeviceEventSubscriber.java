package io.cityflow.devices.mqtt;

import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code city/devices/+/events} on the local stack's broker and feeds each message to
 * the core, with the device id taken from the topic. A refusal is answered on {@code
 * city/devices/<deviceId>/rejections}. On AWS, IoT Core rules feed SQS instead and this bean is
 * off.
 *
 * <p>The Paho client lives in {@link PahoSubscription}: its jar is signed, and keeping its types
 * out of this bean's signature spares every JVM that merely sees the bean definition (the Lambda
 * functions) from verifying that signature at start-up.
 */
@Context
@Requires(property = "cityflow.devices.mqtt.enabled", value = "true")
public class MqttDeviceEventSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(MqttDeviceEventSubscriber.class);

  private final DeviceEventProcessor processor;
  private final String brokerUrl;
  private final String topic;
  private final int qos;
  private final String clientId;
  private PahoSubscription subscription;

  public MqttDeviceEventSubscriber(
      DeviceEventProcessor processor,
      @Property(name = "cityflow.devices.mqtt.broker-url", defaultValue = "tcp://localhost:1883")
          String brokerUrl,
      @Property(name = "cityflow.devices.mqtt.topic", defaultValue = "city/devices/+/events")
          String topic,
      @Property(name = "cityflow.devices.mqtt.qos", defaultValue = "1") int qos,
      @Property(name = "cityflow.devices.mqtt.client-id", defaultValue = "cityflow-device-events")
          String clientId) {
    this.processor = processor;
    this.brokerUrl = brokerUrl;
    this.topic = topic;
    this.qos = qos;
    this.clientId = clientId + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @PostConstruct
  void start() {
    subscription = PahoSubscription.connect(brokerUrl, clientId, topic, qos, this::onMessage);
    LOG.info("Connecting to the MQTT broker at {} for {}", brokerUrl, topic);
  }

  /** Whether the subscription is live. */
  public boolean isConnected() {
    return subscription != null && subscription.isSubscribed();
  }

  void onMessage(String messageTopic, String body) {
    String deviceId = deviceIdOf(messageTopic);
    // A topic without a device level can vouch for no device: "" never matches an event's id.
    Outcome outcome =
        processor.processOne(new IncomingEvent(body, deviceId == null ? "" : deviceId));
    switch (outcome.status()) {
      case REJECTED -> answerRejection(deviceId, outcome);
      case FAILED ->
          LOG.error(
              "Device event from {} lost on MQTT after a transient failure: {}",
              deviceId,
              outcome.failure());
      default ->
          LOG.debug("Device event {} from {}: {}", outcome.eventId(), deviceId, outcome.status());
    }
  }

  private void answerRejection(String deviceId, Outcome outcome) {
    LOG.warn("Rejected MQTT event from {}: {}", deviceId, outcome.rejection().describe());
    if (deviceId == null) {
      return;
    }
    String json =
        "{\"code\":\""
            + outcome.rejection().code()
            + "\",\"detail\":\""
            + outcome.rejection().detail().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    subscription.publish("city/devices/" + deviceId + "/rejections", json);
  }

  static String deviceIdOf(String topic) {
    String[] levels = topic.split("/");
    return levels.length == 4 && !levels[2].isEmpty() ? levels[2] : null;
  }

  @PreDestroy
  void stop() {
    if (subscription != null) {
      subscription.close();
    }
  }
}
