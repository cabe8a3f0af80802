package io.cityflow.localstack;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * Opens the two endpoints that only the local stack serves next to the case API, whose staff
 * security would otherwise refuse them for lack of a staff token:
 *
 * <ul>
 *   <li>{@code POST /api/devices/{deviceId}/events}, the device HTTP ingest: devices carry no staff
 *       token, and the ingest checks each device's own key ({@code X-Device-Key}) and answers 401
 *       for a wrong one. On AWS devices come in through IoT Core and SQS instead.
 *   <li>{@code GET /local/mailbox}: what the stack would have sent to citizens, kept instead of
 *       sent; it exists only in the {@code local} environment.
 * </ul>
 */
@Singleton
class LocalStackAccess implements SecurityRule<HttpRequest<?>> {
  private static final Pattern DEVICE_INGEST = Pattern.compile("/api/devices/[^/]+/events");

  @Override
  public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication ignored) {
    if (request == null) {
      return Publishers.just(SecurityRuleResult.UNKNOWN);
    }
    String path = request.getPath();
    boolean open =
        (request.getMethod() == HttpMethod.POST && DEVICE_INGEST.matcher(path).matches())
            || (request.getMethod() == HttpMethod.GET && path.equals("/local/mailbox"));
    return Publishers.just(open ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
  }
}
