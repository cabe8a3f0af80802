package io.cityflow.cases.worker;

import io.cityflow.cases.notification.Recipient;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Who the emergency path alerts ({@code cityflow.devices.alerts.*}): the fire brigade's dispatch
 * line and the community duty line. The defaults reach the local mailbox; each deployment sets its
 * real numbers or addresses.
 */
@ConfigurationProperties("cityflow.devices.alerts")
public class EmergencyContacts {
  private String fireBrigadePhone = "119";
  @Nullable private String fireBrigadeEmail;
  private String communityPhone = "12345";
  @Nullable private String communityEmail;

  public String getFireBrigadePhone() {
    return fireBrigadePhone;
  }

  public void setFireBrigadePhone(String fireBrigadePhone) {
    this.fireBrigadePhone = fireBrigadePhone;
  }

  @Nullable
  public String getFireBrigadeEmail() {
    return fireBrigadeEmail;
  }

  public void setFireBrigadeEmail(@Nullable String fireBrigadeEmail) {
    this.fireBrigadeEmail = fireBrigadeEmail;
  }

  public String getCommunityPhone() {
    return communityPhone;
  }

  public void setCommunityPhone(String communityPhone) {
    this.communityPhone = communityPhone;
  }

  @Nullable
  public String getCommunityEmail() {
    return communityEmail;
  }

  public void setCommunityEmail(@Nullable String communityEmail) {
    this.communityEmail = communityEmail;
  }

  Recipient fireBrigade() {
    return new Recipient("Fire brigade", fireBrigadePhone, fireBrigadeEmail);
  }

  Recipient community() {
    return new Recipient("Community duty line", communityPhone, communityEmail);
  }
}
