package io.cityflow.cases.api;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CitizenView;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Department;
import io.cityflow.cases.NoticeLanguage;
import io.cityflow.cases.StaffView;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.api.CitizenRequests.SubmitCaseRequest;
import io.cityflow.cases.api.CitizenResponses.CitizenCaseResponse;
import io.cityflow.cases.api.CitizenResponses.PublicTimelineEntry;
import io.cityflow.cases.api.CitizenResponses.SubmitCaseResponse;
import io.cityflow.cases.api.StaffResponses.DepartmentResponse;
import io.cityflow.cases.api.StaffResponses.StaffCaseResponse;
import io.cityflow.cases.api.StaffResponses.TimelineEntryResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingConstants;

/** Maps between the HTTP records and the domain. */
@Mapper(
    componentModel = MappingConstants.ComponentModel.JAKARTA,
    imports = {CaseStatus.class})
public interface CaseApiMapper {
  ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

  @Mapping(target = "channel", defaultValue = "WEB")
  @Mapping(target = "priority", defaultValue = "NORMAL")
  @Mapping(target = "formDataJson", source = "formDataJson")
  SubmitCase toDomain(SubmitCaseRequest request, String formDataJson);

  @Mapping(target = "reference", expression = "java(receipt.reference().toString())")
  @Mapping(target = "statusText", expression = "java(receipt.status().plainWords())")
  @Mapping(target = "expectedDate", expression = "java(localDate(receipt.expectedBy()))")
  SubmitCaseResponse toResponse(SubmissionReceipt receipt);

  @Mapping(target = "reference", expression = "java(view.caseFile().reference().toString())")
  @Mapping(target = "type", source = "caseFile.type")
  @Mapping(target = "subject", source = "caseFile.subject")
  @Mapping(target = "status", source = "caseFile.status")
  @Mapping(target = "statusText", expression = "java(view.caseFile().status().plainWords())")
  @Mapping(target = "expectedBy", source = "caseFile.slaDueAt")
  @Mapping(target = "expectedDate", expression = "java(localDate(view.caseFile().slaDueAt()))")
  @Mapping(target = "outcome", source = "caseFile.outcome")
  @Mapping(target = "outcomeReason", source = "caseFile.outcomeReason")
  @Mapping(
      target = "informationRequested",
      expression = "java(view.caseFile().status() == CaseStatus.WAITING_FOR_CITIZEN)")
  @Mapping(target = "canRate", expression = "java(view.caseFile().status() == CaseStatus.RESOLVED)")
  @Mapping(target = "rating", source = "caseFile.rating")
  @Mapping(target = "contactName", expression = "java(view.caseFile().contact().masked().name())")
  @Mapping(target = "contactPhone", expression = "java(view.caseFile().contact().masked().phone())")
  @Mapping(target = "timeline", source = "publicTimeline")
  CitizenCaseResponse toCitizenResponse(CitizenView view);

  @Mapping(target = "by", expression = "java(by(entry))")
  PublicTimelineEntry toPublic(TimelineEntry entry);

  List<PublicTimelineEntry> toPublic(List<TimelineEntry> entries);

  @Mapping(target = "id", source = "caseFile.id")
  @Mapping(target = "reference", expression = "java(view.caseFile().reference().toString())")
  @Mapping(target = "type", source = "caseFile.type")
  @Mapping(target = "channel", source = "caseFile.channel")
  @Mapping(target = "contactName", source = "caseFile.contact.name")
  @Mapping(target = "contactPhone", source = "caseFile.contact.phone")
  @Mapping(target = "subject", source = "caseFile.subject")
  @Mapping(target = "description", source = "caseFile.description")
  @Mapping(target = "category", source = "caseFile.category")
  @Mapping(target = "address", source = "caseFile.location.address")
  @Mapping(target = "latitude", source = "caseFile.location.latitude")
  @Mapping(target = "longitude", source = "caseFile.location.longitude")
  @Mapping(target = "departments", source = "caseFile.departments")
  @Mapping(target = "priority", source = "caseFile.priority")
  @Mapping(target = "status", source = "caseFile.status")
  @Mapping(target = "outcome", source = "caseFile.outcome")
  @Mapping(target = "outcomeReason", source = "caseFile.outcomeReason")
  @Mapping(target = "formData", source = "caseFile.formDataJson")
  @Mapping(target = "submittedAt", source = "caseFile.submittedAt")
  @Mapping(target = "updatedAt", source = "caseFile.updatedAt")
  @Mapping(target = "slaDueAt", source = "caseFile.slaDueAt")
  @Mapping(target = "slaWarnAt", source = "caseFile.slaWarnAt")
  @Mapping(target = "slaPausedAt", source = "caseFile.slaPausedAt")
  @Mapping(target = "rating", source = "caseFile.rating")
  @Mapping(target = "ratingComment", source = "caseFile.ratingComment")
  @Mapping(target = "language", source = "caseFile.language")
  @Mapping(target = "timeline", source = "timeline")
  StaffCaseResponse toStaffResponse(StaffView view);

  TimelineEntryResponse toResponse(TimelineEntry entry);

  DepartmentResponse toResponse(Department department);

  default String by(TimelineEntry entry) {
    return switch (entry.actorKind()) {
      case CITIZEN -> "you";
      case STAFF -> "city";
      case SYSTEM -> "system";
    };
  }

  default NoticeLanguage noticeLanguage(String tag) {
    return NoticeLanguage.ofTag(tag).orElse(null);
  }

  default String languageTag(NoticeLanguage language) {
    return language == null ? null : language.tag();
  }

  default LocalDate localDate(Instant instant) {
    return instant == null ? null : instant.atZone(CITY_ZONE).toLocalDate();
  }

  default String id(CityCase c) {
    return c.id().toString();
  }
}
