package dev.jalloy.component.local.file;

/**
 * Tells its owner when a watched file may have changed; the owner re-reads it. Closing stops it.
 * Follows Alloy's {@code internal/filedetector}: both detectors run until closed, independently of
 * whether the file exists.
 */
interface FileDetector extends AutoCloseable {
  @Override
  void close();
}
