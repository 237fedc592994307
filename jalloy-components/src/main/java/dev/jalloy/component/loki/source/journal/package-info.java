/**
 * {@code loki.source.journal}: the systemd journal read through libsystemd with the FFM API.
 *
 * <p>Read when: changing the native binding ({@code SdJournal}), where reading starts and how the
 * cursor is committed ({@code JournalReader}), or which labels and line an entry gets ({@code
 * JournalEntryConverter}).
 */
package dev.jalloy.component.loki.source.journal;
