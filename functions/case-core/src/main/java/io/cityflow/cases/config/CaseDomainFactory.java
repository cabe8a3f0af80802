package io.cityflow.cases.config;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.HolidayFiles;
import io.cityflow.cases.SlaPolicy;
import io.cityflow.cases.TrackingCodes;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;

/** Builds the domain's rule objects from configuration. */
@Factory
class CaseDomainFactory {

  @Singleton
  BusinessCalendar businessCalendar(
      @Value("${cityflow.calendar.zone:Asia/Shanghai}") String zone,
      @Value("${cityflow.calendar.region:cn}") String region) {
    return BusinessCalendar.of(ZoneId.of(zone), HolidayFiles.load(region, 2020, 2040));
  }

  @Singleton
  SlaPolicy slaPolicy() {
    return new SlaPolicy();
  }

  /**
   * The secret behind tracking codes. The default serves the local stack only; every deployed
   * environment sets {@code CITYFLOW_TRACKING_SECRET}.
   */
  @Singleton
  TrackingCodes trackingCodes(
      @Value("${cityflow.tracking.secret:local-only-tracking-secret-change-me-0123456789}")
          String secret) {
    return new TrackingCodes(secret);
  }

  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }
}
