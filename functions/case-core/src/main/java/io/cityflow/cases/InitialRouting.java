package io.cityflow.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The department a new case is queued at before the workflow's routing decision runs, so that no
 * case is ever in nobody's queue. The hotline process's DMN decision may route it elsewhere.
 */
public final class InitialRouting {
  private static final Map<String, String> BY_CATEGORY =
      Map.ofEntries(
          Map.entry("water", "WATER_SUPPLY"),
          Map.entry("drainage", "DRAINAGE"),
          Map.entry("road", "MUNICIPAL_ENGINEERING"),
          Map.entry("street-light", "MUNICIPAL_ENGINEERING"),
          Map.entry("sanitation", "SANITATION"),
          Map.entry("waste", "SANITATION"),
          Map.entry("noise", "ECO_ENVIRONMENT"),
          Map.entry("pollution", "ECO_ENVIRONMENT"),
          Map.entry("traffic", "TRAFFIC_POLICE"),
          Map.entry("parking", "TRAFFIC_POLICE"),
          Map.entry("housing", "HOUSING"),
          Map.entry("heating", "HEATING"),
          Map.entry("gas", "GAS"),
          Map.entry("power", "POWER"),
          Map.entry("bus", "PUBLIC_TRANSIT"),
          Map.entry("street-vending", "URBAN_MANAGEMENT"),
          Map.entry("illegal-construction", "URBAN_MANAGEMENT"),
          Map.entry("greenery", "GARDENS"),
          Map.entry("social-security", "HUMAN_RESOURCES"),
          Map.entry("elderly-care", "CIVIL_AFFAIRS"),
          Map.entry("marriage-registration", "CIVIL_AFFAIRS"),
          Map.entry("food-safety", "MARKET_REGULATION"),
          Map.entry("consumer", "MARKET_REGULATION"),
          Map.entry("fire", "FIRE_RESCUE"));

  public static final String HOTLINE_CENTRE = "CITY_HOTLINE";

  private InitialRouting() {}

  public static List<String> departmentsFor(CaseType type, String category) {
    String key = category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
    String byCategory = BY_CATEGORY.get(key);
    return switch (type) {
      case HOTLINE_TICKET -> List.of(byCategory != null ? byCategory : HOTLINE_CENTRE);
      case APPROVAL_APPLICATION -> List.of("ADMIN_APPROVAL");
      case COMMUNITY_SERVICE_REQUEST -> List.of("COMMUNITY_SERVICES");
      case DEVICE_MAINTENANCE -> List.of(byCategory != null ? byCategory : "URBAN_MANAGEMENT");
    };
  }
}
