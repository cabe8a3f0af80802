package io.cityflow.devices.mqtt;

import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
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
  private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(200);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(10);

  private PahoSubscription subscription;
  private volatile boolean running = true;

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
    this.clientId = clientId;
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

  /**
   * Handles one message; returns whether it may be acknowledged. A transient failure (database,
   * engine) is retried here with growing pauses, holding back the messages behind it, for as long
   * as the subscriber runs: the event's transaction rolled back, so a retry applies it once. If the
   * subscriber stops first, the message stays unacknowledged and the broker redelivers it.
   */
  boolean onMessage(String messageTopic, String body) {
    String deviceId = deviceIdOf(messageTopic);
    // A topic without a device level can vouch for no device: "" never matches an event's id.
    IncomingEvent event = new IncomingEvent(body, deviceId == null ? "" : deviceId);
    Duration pause = FIRST_RETRY_PAUSE;
    while (true) {
      Outcome outcome = processor.processOne(event);
      switch (outcome.status()) {
        case REJECTED -> {
          answerRejection(deviceId, outcome);
          return true;
        }
        case FAILED -> {
          if (!running) {
            LOG.warn("Device event from {} left to the broker to redeliver", deviceId);
            return false;
          }
          LOG.warn(
              "Device event from {} failed ({}); retrying in {}",
              deviceId,
              outcome.failure(),
              pause);
          if (!sleep(pause)) {
            return false;
          }
          pause =
              pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0
                  ? MAX_RETRY_PAUSE
                  : pause.multipliedBy(2);
        }
        default -> {
          LOG.debug("Device event {} from {}: {}", outcome.eventId(), deviceId, outcome.status());
          return true;
        }
      }
    }
  }

  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
    running = false;
    if (subscription != null) {
      subscription.close();
    }
  }
}
