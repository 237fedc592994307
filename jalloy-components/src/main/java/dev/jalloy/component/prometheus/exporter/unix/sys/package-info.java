/**
 * The libc system calls of node_exporter's collectors ({@code statfs}, {@code uname}, {@code
 * adjtimex}), bound with Java's foreign function API.
 */
package dev.jalloy.component.prometheus.exporter.unix.sys;
