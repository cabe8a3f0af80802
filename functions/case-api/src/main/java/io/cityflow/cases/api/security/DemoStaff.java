package io.cityflow.cases.api.security;

import io.cityflow.cases.Directory;
import io.cityflow.cases.StaffMember;
import io.cityflow.cases.StaffRole;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds demo staff with known passwords when {@code cityflow.demo.enabled=true}: the local stack's
 * sign-ins. Never enabled on AWS.
 */
@Singleton
@Requires(property = "cityflow.demo.enabled", value = "true")
public class DemoStaff {
  private static final Logger LOG = LoggerFactory.getLogger(DemoStaff.class);

  /** A demo sign-in. */
  public record DemoUser(
      String username, String password, String name, Set<StaffRole> roles, List<String> depts) {}

  public static final List<DemoUser> USERS =
      List.of(
          new DemoUser(
              "clerk.water",
              "demo-clerk",
              "Wang Li (water supply clerk)",
              Set.of(StaffRole.CLERK),
              List.of("WATER_SUPPLY")),
          new DemoUser(
              "clerk.traffic",
              "demo-clerk",
              "Zhao Min (traffic police clerk)",
              Set.of(StaffRole.CLERK),
              List.of("TRAFFIC_POLICE")),
          new DemoUser(
              "clerk.hotline",
              "demo-clerk",
              "Chen Jing (12345 hotline clerk)",
              Set.of(StaffRole.CLERK),
              List.of("CITY_HOTLINE")),
          new DemoUser(
              "clerk.approval",
              "demo-clerk",
              "Liu Yang (approval clerk)",
              Set.of(StaffRole.CLERK),
              List.of("ADMIN_APPROVAL")),
          new DemoUser(
              "clerk.community",
              "demo-clerk",
              "Ma Lan (community service clerk)",
              Set.of(StaffRole.CLERK),
              List.of("COMMUNITY_SERVICES")),
          new DemoUser(
              "supervisor.water",
              "demo-supervisor",
              "Sun Hao (water supervisor)",
              Set.of(StaffRole.SUPERVISOR),
              List.of("WATER_SUPPLY", "WATER_AUTHORITY", "DRAINAGE")),
          new DemoUser(
              "owner",
              "demo-owner",
              "Hu Rui (process owner)",
              Set.of(StaffRole.PROCESS_OWNER),
              List.of()),
          new DemoUser("admin", "demo-admin", "Admin", Set.of(StaffRole.ADMIN), List.of()));

  private final Directory directory;
  private final PasswordHasher hasher;

  DemoStaff(Directory directory, PasswordHasher hasher) {
    this.directory = directory;
    this.hasher = hasher;
  }

  @EventListener
  void seed(StartupEvent event) {
    // Hashing is deliberately slow, so only the missing users are hashed: a restart stays fast.
    List<DemoUser> missing =
        USERS.stream().filter(u -> directory.staff(u.username()).isEmpty()).toList();
    missing.parallelStream()
        .map(
            u ->
                new StaffMember(
                    u.username(), u.name(), hasher.hash(u.password()), u.roles(), u.depts(), true))
        .toList()
        .forEach(directory::saveStaff);
    LOG.info(
        "Demo staff: {} ({} new)", USERS.stream().map(DemoUser::username).toList(), missing.size());
  }
}
