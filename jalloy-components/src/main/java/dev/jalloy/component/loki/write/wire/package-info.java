/**
 * The Loki push API (spec 7.2) on the wire: {@code logproto.PushRequest} encoded and decoded by
 * hand (protobuf, snappy block compression), the JSON form, the label-set string, and the HTTP
 * client {@code loki.write} sends with.
 */
package dev.jalloy.component.loki.write.wire;
