/** {@code local.file_match}: doublestar globbing of file paths into targets. */
package dev.jalloy.component.local.filematch;
