package io.cityflow.cases;

/** Where the matter is: an address, and coordinates when the form captured them. */
public record Location(String address, Double latitude, Double longitude) {
  public Location {
    if ((latitude == null) != (longitude == null)) {
      throw new CaseRuleViolation("location", "give both latitude and longitude, or neither");
    }
    if (latitude != null && (latitude < -90 || latitude > 90)) {
      throw new CaseRuleViolation("location.latitude", "latitude must be between -90 and 90");
    }
    if (longitude != null && (longitude < -180 || longitude > 180)) {
      throw new CaseRuleViolation("location.longitude", "longitude must be between -180 and 180");
    }
  }
}
