package dev.jalloy.component;

/**
 * Implemented by components that show extra state on their UI page (targets and their last scrape,
 * files being tailed). The record is rendered like exports.
 */
public interface DebugInfoProvider {
  Record debugInfo();
}
