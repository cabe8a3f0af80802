package io.cityflow.devices.api;

import io.cityflow.devices.KeyedIngest;
import io.cityflow.devices.Outcome;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

/**
 * HTTP ingest for gateways and local use: {@code POST /api/devices/{deviceId}/events} with the
 * device's key in {@code X-Device-Key}. Answers 202 for a new event, 200 for a duplicate, and an
 * {@code application/problem+json} 4xx naming the field for anything it refuses.
 */
@Controller("/api/devices")
@Requires(property = "cityflow.devices.http.enabled", notEquals = "false")
@Requires(notEnv = Environment.FUNCTION)
public class DeviceIngestController {
  public static final String KEY_HEADER = "X-Device-Key";

  private final KeyedIngest ingest;

  public DeviceIngestController(KeyedIngest ingest) {
    this.ingest = ingest;
  }

  @Post(
      uri = "/{deviceId}/events",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> ingest(
      @PathVariable String deviceId,
      @Nullable @Header(KEY_HEADER) String key,
      @Nullable @Body String body) {
    Outcome outcome = ingest.ingest(deviceId, key, body);
    return IngestApiMapper.toResponse(outcome);
  }
}
