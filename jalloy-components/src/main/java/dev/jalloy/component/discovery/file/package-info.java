/**
 * {@code discovery.file}: discovers scrape targets from files in Prometheus' {@code file_sd} format
 * (JSON or YAML), re-reading them when they change.
 */
package dev.jalloy.component.discovery.file;
