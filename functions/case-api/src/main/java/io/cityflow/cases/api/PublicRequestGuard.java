package io.cityflow.cases.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the public endpoints (citizen intake and tracking, certificate checks, staff sign-in): a
 * token bucket per client address, and a cap on the declared body size, both answered with
 * problem+json.
 */
@ServerFilter({"/api/cases", "/api/cases/**", "/api/auth/**", "/api/public/**"})
class PublicRequestGuard {
  private final ProblemResponses problems;
  private final int capacity;
  private final double refillPerSecond;
  private final long maxBodyBytes;
  private final boolean trustForwardedFor;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  PublicRequestGuard(
      ProblemResponses problems,
      @Value("${cityflow.public.rate-limit.capacity:60}") int capacity,
      @Value("${cityflow.public.rate-limit.per-minute:60}") int perMinute,
      @Value("${cityflow.public.max-body-bytes:8388608}") long maxBodyBytes,
      @Value("${cityflow.public.trust-forwarded-for:false}") boolean trustForwardedFor) {
    this.problems = problems;
    this.capacity = capacity;
    this.refillPerSecond = perMinute / 60.0;
    this.maxBodyBytes = maxBodyBytes;
    this.trustForwardedFor = trustForwardedFor;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> guard(HttpRequest<?> request) {
    if (request.getContentLength() > maxBodyBytes) {
      return problems.respond(
          request,
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "body",
          "the request body may be at most " + maxBodyBytes + " bytes");
    }
    if (buckets.size() > 100_000) {
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(client(request), k -> new Bucket(capacity));
    if (!bucket.take(capacity, refillPerSecond)) {
      return problems
          .respond(request, HttpStatus.TOO_MANY_REQUESTS, null, "too many requests; slow down")
          .header("Retry-After", "60");
    }
    return null;
  }

  private String client(HttpRequest<?> request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeaders().get("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    InetSocketAddress remote = request.getRemoteAddress();
    return remote.getAddress() == null
        ? remote.getHostString()
        : remote.getAddress().getHostAddress();
  }

  /** Tokens refill continuously up to the capacity. */
  private static final class Bucket {
    private double tokens;
    private long lastNanos = System.nanoTime();

    Bucket(int capacity) {
      this.tokens = capacity;
    }

    synchronized boolean take(int capacity, double refillPerSecond) {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * refillPerSecond);
      lastNanos = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
