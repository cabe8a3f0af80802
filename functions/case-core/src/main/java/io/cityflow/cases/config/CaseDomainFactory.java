package io.cityflow.cases.config;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.HolidayFiles;
import io.cityflow.cases.IdempotencyWindow;
import io.cityflow.cases.SlaPolicy;
import io.cityflow.cases.TrackingCodes;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
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
  IdempotencyWindow idempotencyWindow(@Value("${cityflow.idempotency.keep:24h}") Duration keep) {
    return new IdempotencyWindow(keep);
  }

  /** The system clock, unless a test or another module supplies its own. */
  @Singleton
  @Secondary
  Clock clock() {
    return Clock.systemUTC();
  }
}
