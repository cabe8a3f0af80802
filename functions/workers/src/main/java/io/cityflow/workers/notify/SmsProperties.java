package io.cityflow.workers.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;

/** Text messages through Amazon SNS ({@code cityflow.notify.sms.*}). */
@ConfigurationProperties("cityflow.notify.sms")
public class SmsProperties {
  private String region = "cn-northwest-1";
  @Nullable private String senderId;
  @Nullable private URI endpoint;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  /** The sender name shown on the phone, where the country allows one. */
  @Nullable
  public String getSenderId() {
    return senderId;
  }

  public void setSenderId(@Nullable String senderId) {
    this.senderId = senderId;
  }

  /** Only for tests: another SNS endpoint than the region's. */
  @Nullable
  public URI getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(@Nullable URI endpoint) {
    this.endpoint = endpoint;
  }
}
