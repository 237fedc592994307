/**
 * The types components exchange on the data paths: label sets, and (as the pipelines land) samples,
 * appenders and log entries. Designed for throughput: immutable, compact, hashed once.
 */
package dev.jalloy.model;
