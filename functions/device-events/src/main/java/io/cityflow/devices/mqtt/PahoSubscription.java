package io.cityflow.devices.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho connection that (re)subscribes to a topic on every (re)connect and hands each message's
 * topic and UTF-8 body to a handler on Paho's callback thread.
 *
 * <p>A message is acknowledged only once the handler says it is done with it. The session is
 * persistent (clean session off, a stable client id), so the broker keeps what was not
 * acknowledged, and what arrives while the subscriber is away, and delivers it when it connects
 * again: QoS 1 then means at least once across restarts, and the ledger turns that into once.
 */
final class PahoSubscription implements MqttCallbackExtended {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSubscription.class);

  private final MqttAsyncClient client;
  private final String topic;
  private final int qos;
  private final BiPredicate<String, String> handler;
  private volatile boolean subscribed;

  private PahoSubscription(
      MqttAsyncClient client, String topic, int qos, BiPredicate<String, String> handler) {
    this.client = client;
    this.topic = topic;
    this.qos = qos;
    this.handler = handler;
  }

  static PahoSubscription connect(
      String brokerUrl,
      String clientId,
      String topic,
      int qos,
      BiPredicate<String, String> handler) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
      PahoSubscription subscription = new PahoSubscription(client, topic, qos, handler);
      client.setCallback(subscription);
      client.setManualAcks(true);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setAutomaticReconnect(true);
      options.setCleanSession(false);
      options.setConnectionTimeout(5);
      client.connect(options);
      return subscription;
    } catch (MqttException e) {
      throw new IllegalStateException("cannot connect to the MQTT broker at " + brokerUrl, e);
    }
  }

  boolean isSubscribed() {
    return subscribed && client.isConnected();
  }

  void publish(String toTopic, String payload) {
    try {
      client.publish(toTopic, payload.getBytes(StandardCharsets.UTF_8), 0, false);
    } catch (MqttException e) {
      LOG.debug("Cannot publish to {}", toTopic, e);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    try {
      client.subscribe(topic, qos).waitForCompletion(5000);
      subscribed = true;
      LOG.info("Subscribed to {} at {}", topic, serverUri);
    } catch (MqttException e) {
      LOG.error("Cannot subscribe to {}", topic, e);
    }
  }

  @Override
  public void messageArrived(String messageTopic, MqttMessage message) {
    boolean done;
    try {
      done = handler.test(messageTopic, new String(message.getPayload(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      LOG.error("Device event on {} could not be handled", messageTopic, e);
      done = false;
    }
    if (!done) {
      // Not acknowledged: the broker delivers it again when this session reconnects.
      return;
    }
    try {
      client.messageArrivedComplete(message.getId(), message.getQos());
    } catch (MqttException e) {
      LOG.warn("Cannot acknowledge a device event on {}", messageTopic, e);
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    subscribed = false;
    LOG.warn("Lost the MQTT broker; reconnecting", cause);
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {}

  void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(2000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.debug("MQTT client did not close cleanly", e);
    }
  }
}
