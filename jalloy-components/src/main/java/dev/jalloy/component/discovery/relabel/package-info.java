/**
 * {@code discovery.relabel}: rewrites, filters and drops discovered targets with relabel rules, and
 * exports the rules for other components to reuse.
 */
package dev.jalloy.component.discovery.relabel;
