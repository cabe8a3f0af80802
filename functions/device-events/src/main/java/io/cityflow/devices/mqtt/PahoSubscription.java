package io.cityflow.devices.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
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
 */
final class PahoSubscription implements MqttCallbackExtended {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSubscription.class);

  private final MqttAsyncClient client;
  private final String topic;
  private final int qos;
  private final BiConsumer<String, String> handler;
  private volatile boolean subscribed;

  private PahoSubscription(
      MqttAsyncClient client, String topic, int qos, BiConsumer<String, String> handler) {
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
      BiConsumer<String, String> handler) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
      PahoSubscription subscription = new PahoSubscription(client, topic, qos, handler);
      client.setCallback(subscription);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setAutomaticReconnect(true);
      options.setCleanSession(true);
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
    try {
      handler.accept(messageTopic, new String(message.getPayload(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      LOG.error("Device event on {} could not be handled", messageTopic, e);
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
