package dev.jalloy.model;

/**
 * A metric family's metadata, as scrapes find it and remote write sends it.
 *
 * @param type counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown
 * @param help the HELP text
 * @param unit the UNIT, empty when none
 */
public record Metadata(String type, String help, String unit) {}
