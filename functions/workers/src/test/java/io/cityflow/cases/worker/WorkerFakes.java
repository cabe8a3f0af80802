package io.cityflow.cases.worker;

import io.cityflow.cases.AttachmentCatalog;
import io.cityflow.cases.AttachmentStore;
import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseAttachment;
import io.cityflow.cases.Community;
import io.cityflow.cases.Department;
import io.cityflow.cases.Directory;
import io.cityflow.cases.ServiceStation;
import io.cityflow.cases.StaffMember;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.opening.OpenedCaseLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Small in-memory stand-ins for the case-core ports the workers use. */
final class WorkerFakes {
  private WorkerFakes() {}

  /** Monday 2 March 2026, 10:00 in Yinchuan (a working day). */
  static final Instant MONDAY_10_00 = Instant.parse("2026-03-02T02:00:00Z");

  static Clock clock() {
    return Clock.fixed(MONDAY_10_00, ZoneOffset.UTC);
  }

  /** Weekdays 9–17 in China, no holidays: enough to see working time at work. */
  static BusinessCalendar calendar() {
    return new BusinessCalendar(ZoneId.of("Asia/Shanghai"), List.of(), List.of());
  }

  static final class Departments implements Directory {
    private final List<Department> known;

    Departments(String... codes) {
      known = java.util.Arrays.stream(codes).map(c -> new Department(c, c, c, "CITY")).toList();
    }

    @Override
    public List<Department> departments() {
      return known;
    }

    @Override
    public Optional<Department> department(String code) {
      return known.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    @Override
    public List<Community> communities() {
      return List.of();
    }

    @Override
    public List<ServiceStation> serviceStations() {
      return List.of();
    }

    @Override
    public Optional<StaffMember> staff(String username) {
      return Optional.empty();
    }

    @Override
    public List<StaffMember> staffOf(String departmentCode) {
      return List.of();
    }

    @Override
    public void saveStaff(StaffMember member) {
      throw new UnsupportedOperationException();
    }
  }

  static final class Ledger implements OpenedCaseLedger {
    final Map<String, UUID> opened = new LinkedHashMap<>();
    final Map<UUID, UUID> parents = new HashMap<>();

    @Override
    public Optional<UUID> find(String openingKey) {
      return Optional.ofNullable(opened.get(openingKey));
    }

    @Override
    public void record(String openingKey, UUID caseId, UUID parentCaseId, Instant at) {
      opened.put(openingKey, caseId);
      if (parentCaseId != null) {
        parents.put(caseId, parentCaseId);
      }
    }
  }

  static final class Attachments implements AttachmentStore {
    final Map<String, byte[]> files = new LinkedHashMap<>();

    @Override
    public StoredAttachment put(UUID caseId, String fileName, String contentType, byte[] content) {
      String key = caseId + "/" + UUID.randomUUID();
      files.put(key, content);
      return new StoredAttachment(key, fileName, contentType, content.length);
    }

    @Override
    public StoredAttachment putCertificate(
        UUID caseId, String fileName, String contentType, byte[] content) {
      String key = "certificates/" + caseId + "/" + UUID.randomUUID();
      files.put(key, content);
      return new StoredAttachment(key, fileName, contentType, content.length);
    }

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(files.get(key));
    }
  }

  static final class Catalog implements AttachmentCatalog {
    final List<CaseAttachment> entries = new ArrayList<>();

    @Override
    public void add(CaseAttachment attachment) {
      entries.add(attachment);
    }

    @Override
    public List<CaseAttachment> forCase(UUID caseId) {
      return entries.stream().filter(a -> a.caseId().equals(caseId)).toList();
    }

    @Override
    public Optional<CaseAttachment> find(UUID caseId, UUID attachmentId) {
      return forCase(caseId).stream().filter(a -> a.id().equals(attachmentId)).findFirst();
    }
  }

  static final class Certificates implements CertificateStore {
    final Map<String, Certificate> byHash = new LinkedHashMap<>();

    @Override
    public void insert(Certificate certificate, String codeHash) {
      byHash.put(codeHash, certificate);
    }

    @Override
    public Optional<Certificate> findByCase(UUID caseId) {
      return byHash.values().stream().filter(c -> c.caseId().equals(caseId)).findFirst();
    }

    @Override
    public Optional<Certificate> findByCodeHash(String codeHash) {
      return Optional.ofNullable(byHash.get(codeHash));
    }
  }
}
