package io.cityflow.cases.migration;

/**
 * One batch of a migration, as recorded, and what is left to do.
 *
 * @param remaining running instances of the source version after this batch's last one, still to be
 *     moved
 * @param nextAfterInstanceKey pass this as {@code afterInstanceKey} for the next batch; null when
 *     none is left
 */
public record MigrationRun(MigrationRecord record, long remaining, Long nextAfterInstanceKey) {}
