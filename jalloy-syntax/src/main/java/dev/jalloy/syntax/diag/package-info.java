/**
 * Diagnostics: problems in a configuration with their positions, and Alloy's way of printing them.
 */
package dev.jalloy.syntax.diag;
