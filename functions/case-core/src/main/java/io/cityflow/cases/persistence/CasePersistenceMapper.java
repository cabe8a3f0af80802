package io.cityflow.cases.persistence;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Location;
import io.cityflow.cases.NoticeLanguage;
import io.cityflow.cases.TimelineEntry;
import java.util.List;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingConstants;

/** Maps cases and timeline entries to and from their rows. */
@Mapper(
    componentModel = MappingConstants.ComponentModel.JAKARTA,
    imports = {CaseReference.class, CitizenContact.class, Location.class, Codes.class})
public interface CasePersistenceMapper {

  @Mapping(target = "refYear", source = "reference.year")
  @Mapping(target = "refNumber", source = "reference.number")
  @Mapping(target = "reference", expression = "java(c.reference().toString())")
  @Mapping(target = "caseType", source = "type")
  @Mapping(target = "contactName", source = "contact.name")
  @Mapping(target = "contactPhone", source = "contact.phone")
  @Mapping(target = "address", source = "location.address")
  @Mapping(target = "latitude", source = "location.latitude")
  @Mapping(target = "longitude", source = "location.longitude")
  @Mapping(target = "leadDepartment", expression = "java(c.leadDepartment())")
  @Mapping(target = "departments", expression = "java(Codes.join(c.departments()))")
  @Mapping(target = "formData", source = "formDataJson")
  CaseRow toRow(CityCase c);

  @Mapping(
      target = "reference",
      expression = "java(new CaseReference(row.refYear(), row.refNumber()))")
  @Mapping(target = "type", source = "caseType")
  @Mapping(
      target = "contact",
      expression = "java(new CitizenContact(row.contactName(), row.contactPhone()))")
  @Mapping(target = "location", expression = "java(location(row))")
  @Mapping(target = "departments", expression = "java(Codes.split(row.departments()))")
  @Mapping(target = "formDataJson", source = "formData")
  CityCase toDomain(CaseRow row);

  default Location location(CaseRow row) {
    if (row.address() == null && row.latitude() == null) {
      return null;
    }
    return new Location(row.address(), row.latitude(), row.longitude());
  }

  default String languageTag(NoticeLanguage language) {
    return language == null ? null : language.tag();
  }

  default NoticeLanguage language(String tag) {
    return NoticeLanguage.ofTag(tag).orElse(null);
  }

  @Mapping(target = "occurredAt", source = "at")
  @Mapping(target = "eventKind", source = "event")
  @Mapping(target = "entryText", source = "text")
  TimelineRow toRow(TimelineEntry entry);

  @Mapping(target = "at", source = "occurredAt")
  @Mapping(target = "event", source = "eventKind")
  @Mapping(target = "text", source = "entryText")
  TimelineEntry toDomain(TimelineRow row);

  List<TimelineEntry> toTimeline(List<TimelineRow> rows);
}
