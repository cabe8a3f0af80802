package io.cityflow.localstack;

import java.net.URI;
import java.util.Locale;

/** What the local stack prints once every part is up. */
final class ReadyBanner {

  private ReadyBanner() {}

  static String render(LocalStack stack, long startMillis) {
    URI api = stack.apiUrl();
    String base = api.getScheme() + "://localhost:" + api.getPort();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT, "%nCityFlow is ready (started in %.1f s)%n", startMillis / 1000.0));
    line(text, "Citizen portal", base + "/");
    line(text, "Clerk workspace", base + "/clerk.html");
    line(text, "Supervisor dashboard", base + "/supervisor.html");
    line(text, "Process-owner console", base + "/owner.html");
    line(text, "Certificate check", base + "/verify.html");
    line(text, "Citizens' mailbox", base + "/local/mailbox");
    line(text, "API and health", base + "/api, " + base + "/health");
    line(text, "Open311 GeoReport v2", base + "/api/public/open311/v2/services.json");
    stack
        .engineRestAddress()
        .ifPresent(
            engine ->
                line(
                    text,
                    "Local engine (REST)",
                    engine.toString().replace("127.0.0.1", "localhost") + "/v2"));
    line(text, "Device events (MQTT)", "city/devices/+/events on the local broker");
    text.append(
            "  Demo sign-ins            clerk.water / demo-clerk, supervisor.water / demo-supervisor,")
        .append(System.lineSeparator())
        .append("                           owner / demo-owner, admin / demo-admin")
        .append(System.lineSeparator());
    text.append("Press Ctrl-C to stop.");
    return text.toString();
  }

  private static void line(StringBuilder text, String what, String where) {
    text.append(String.format(Locale.ROOT, "  %-24s %s%n", what, where));
  }
}
