package io.cityflow.cases.api.open311;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The Open311 endpoint's settings ({@code cityflow.open311.*}).
 *
 * <p>{@code listed-categories}: the hotline categories about public space (a broken street light, a
 * blocked drain) whose requests anyone may read. Requests about people's homes and lives (housing,
 * care, pensions, community services at home) are readable only by the partner that sent them.
 */
@Singleton
public class Open311Settings {
  static final List<String> DEFAULT_LISTED =
      List.of(
          "water",
          "drainage",
          "road",
          "street-light",
          "sanitation",
          "waste",
          "pollution",
          "traffic",
          "parking",
          "bus",
          "street-vending",
          "illegal-construction",
          "greenery");

  private final String jurisdictionId;
  private final Set<String> listedCategories;
  private final Duration defaultWindow;
  private final int maxResults;
  private final String contact;

  Open311Settings(
      @Value("${cityflow.open311.jurisdiction-id:yinchuan.gov.cn}") String jurisdictionId,
      @Value("${cityflow.open311.listed-categories:}") List<String> listedCategories,
      @Value("${cityflow.open311.default-window:90d}") Duration defaultWindow,
      @Value("${cityflow.open311.max-results:1000}") int maxResults,
      @Value("${cityflow.open311.contact:12345 City Service Hotline, 12345@yinchuan.gov.cn}")
          String contact) {
    this.jurisdictionId = jurisdictionId;
    List<String> configured =
        listedCategories == null
            ? List.of()
            : listedCategories.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    this.listedCategories = Set.copyOf(configured.isEmpty() ? DEFAULT_LISTED : configured);
    this.defaultWindow = defaultWindow;
    this.maxResults = maxResults;
    this.contact = contact;
  }

  /** The one jurisdiction this endpoint serves; a request naming another is refused. */
  public String jurisdictionId() {
    return jurisdictionId;
  }

  public Set<String> listedCategories() {
    return listedCategories;
  }

  /** The span a request list covers when no dates are given, and the longest span allowed. */
  public Duration defaultWindow() {
    return defaultWindow;
  }

  /** The most requests one list answer holds. */
  public int maxResults() {
    return maxResults;
  }

  public String contact() {
    return contact;
  }
}
