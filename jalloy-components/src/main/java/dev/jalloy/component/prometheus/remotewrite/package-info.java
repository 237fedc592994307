/**
 * {@code prometheus.remote_write}: samples go to a local WAL first, then one sender per endpoint
 * tails the WAL and ships batches with remote write 1.0, acknowledging its WAL position only after
 * the endpoint accepted (or finally rejected) a batch.
 */
package dev.jalloy.component.prometheus.remotewrite;
