/** Protocol buffers written by hand: the encoder both remote write and Loki push use. */
package dev.jalloy.component.common.proto;
