/**
 * Parsers for the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text, streaming over
 * a UTF-8 byte array without building a tree: {@link
 * dev.jalloy.component.prometheus.scrape.textparse.TextParser} is a pull parser in the style of
 * Prometheus' {@code model/textparse} (promparse.go, openmetricsparse.go), with the same accepted
 * grammar and the same error texts, so that a target which Prometheus rejects is rejected here too.
 * {@link dev.jalloy.component.prometheus.scrape.textparse.ScrapeProtocol} picks the parser from a
 * response's Content-Type and builds the Accept header a scrape sends.
 */
package dev.jalloy.component.prometheus.scrape.textparse;
