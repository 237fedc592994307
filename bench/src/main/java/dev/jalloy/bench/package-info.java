/**
 * JMH benchmarks of the configuration language: parse, format, and (once the evaluator exists)
 * parse plus evaluate, on a ~1 MB configuration built from the users' configs. Run them with {@code
 * bench/run-syntax-bench.sh}; figures go to {@code docs/PERFORMANCE.md} with the command.
 */
package dev.jalloy.bench;
