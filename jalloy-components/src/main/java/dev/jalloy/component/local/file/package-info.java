/**
 * {@code local.file}: exposes the content of a file to the configuration and re-exports it when the
 * file changes, detected by file-system events ({@code fsnotify}, with polling as a safety net) or
 * by polling alone ({@code poll}).
 */
package dev.jalloy.component.local.file;
