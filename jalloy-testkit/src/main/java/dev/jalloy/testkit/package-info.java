/**
 * Test helpers shared by the modules' tests: {@link dev.jalloy.testkit.ComponentHarness} runs one
 * component the way the controller would, without a controller; {@link
 * dev.jalloy.testkit.Eventually} waits for a condition by polling against a deadline, so that no
 * test sleeps for a fixed time.
 */
package dev.jalloy.testkit;
