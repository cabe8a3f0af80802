package io.cityflow.infra.aws.config;

import java.util.List;

/**
 * Department codes, one Cognito group each ({@code dept-<code>}). They must match the departments
 * the case database is seeded with; {@code DepartmentsTest} checks that against the migrations.
 */
public final class Departments {

  public static final List<String> CODES =
      List.of(
          "CITY_HOTLINE",
          "ADMIN_APPROVAL",
          "WATER_AUTHORITY",
          "WATER_SUPPLY",
          "DRAINAGE",
          "URBAN_MANAGEMENT",
          "SANITATION",
          "MUNICIPAL_ENGINEERING",
          "GARDENS",
          "TRAFFIC_POLICE",
          "PUBLIC_SECURITY",
          "FIRE_RESCUE",
          "EMERGENCY",
          "ECO_ENVIRONMENT",
          "HOUSING",
          "HOUSING_FUND",
          "NATURAL_RESOURCES",
          "CIVIL_AFFAIRS",
          "HUMAN_RESOURCES",
          "MEDICAL_INSURANCE",
          "HEALTH",
          "EDUCATION",
          "MARKET_REGULATION",
          "TRANSPORT",
          "PUBLIC_TRANSIT",
          "HEATING",
          "GAS",
          "POWER",
          "AGRICULTURE",
          "FORESTRY",
          "COMMERCE",
          "CULTURE_TOURISM",
          "SPORTS",
          "FINANCE",
          "TAXATION",
          "STATISTICS",
          "AUDIT",
          "JUSTICE",
          "VETERANS",
          "ETHNIC_RELIGIOUS",
          "DEVELOPMENT_REFORM",
          "INDUSTRY_IT",
          "SCIENCE_TECH",
          "BIG_DATA",
          "PETITIONS",
          "WOMEN_FEDERATION",
          "DISABLED_FEDERATION",
          "TRADE_UNION",
          "COMMUNITY_SERVICES",
          "XINGQING_DISTRICT",
          "JINFENG_DISTRICT",
          "XIXIA_DISTRICT",
          "YONGNING_COUNTY",
          "HELAN_COUNTY",
          "LINGWU_CITY");

  /** Staff roles, one Cognito group each ({@code role-<name>}), as the case API reads them. */
  public static final List<String> ROLES = List.of("CLERK", "SUPERVISOR", "PROCESS_OWNER", "ADMIN");

  public static final String DEPARTMENT_GROUP_PREFIX = "dept-";
  public static final String ROLE_GROUP_PREFIX = "role-";

  private Departments() {}
}
