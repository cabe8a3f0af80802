package io.cityflow.cases.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small test client of the case API: JSON maps in, status and JSON maps out. */
final class Api {
  private final BlockingHttpClient http;

  Api(BlockingHttpClient http) {
    this.http = http;
  }

  /** A status and a body, whether the call succeeded or not. */
  record Reply(int status, Map<String, Object> body, String contentType) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String key) {
      return (List<Map<String, Object>>) body.get(key);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  Reply send(MutableHttpRequest<?> request) {
    try {
      HttpResponse<Map> response = http.exchange(request, Map.class);
      return new Reply(
          response.code(),
          response.getBody().orElse(Map.of()),
          response.getContentType().map(Object::toString).orElse(""));
    } catch (HttpClientResponseException e) {
      Map body = e.getResponse().getBody(Map.class).orElse(Map.of());
      return new Reply(
          e.getStatus().getCode(),
          body,
          e.getResponse().getContentType().map(Object::toString).orElse(""));
    }
  }

  String login(String username, String password) {
    Reply reply =
        send(
            HttpRequest.POST(
                "/api/auth/login", Map.of("username", username, "password", password)));
    if (reply.status() != 200) {
      throw new IllegalStateException("login failed for " + username + ": " + reply);
    }
    return (String) reply.body().get("access_token");
  }

  static Map<String, Object> hotlineTicket(String category) {
    Map<String, Object> body = new HashMap<>();
    body.put("type", "HOTLINE_TICKET");
    body.put("channel", "WEB");
    body.put("contact", Map.of("name", "李娜", "phone", "13912345678"));
    body.put("subject", "Burst pipe on Beijing Road");
    body.put("description", "Water has been running for an hour");
    body.put("category", category);
    body.put(
        "location",
        Map.of("address", "Beijing Road 100, Jinfeng", "latitude", 38.47, "longitude", 106.22));
    body.put("formData", Map.of("district", "JINFENG_DISTRICT"));
    return body;
  }

  Reply submit(Map<String, Object> body) {
    return send(
        HttpRequest.POST("/api/cases", body)
            .header("Idempotency-Key", UUID.randomUUID().toString()));
  }

  Reply submit(String key, Map<String, Object> body) {
    return send(HttpRequest.POST("/api/cases", body).header("Idempotency-Key", key));
  }

  Reply track(String reference, String code) {
    return send(HttpRequest.GET("/api/cases/" + reference).header("X-Tracking-Code", code));
  }

  Reply staffGet(String token, String path) {
    MutableHttpRequest<?> request = HttpRequest.GET(path);
    if (token != null) {
      request.bearerAuth(token);
    }
    return send(request);
  }

  Reply staffPost(String token, String path, Map<String, Object> body) {
    MutableHttpRequest<?> request = HttpRequest.POST(path, body);
    if (token != null) {
      request.bearerAuth(token);
    }
    return send(request);
  }

  Reply staffPut(String token, String path, Object body) {
    MutableHttpRequest<?> request = HttpRequest.PUT(path, body);
    if (token != null) {
      request.bearerAuth(token);
    }
    return send(request);
  }
}
