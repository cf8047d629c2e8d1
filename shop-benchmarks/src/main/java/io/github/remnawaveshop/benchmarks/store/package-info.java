/**
 * JMH benchmarks of the PostgreSQL store's hot queries, each beside the same query written as a raw
 * JDBC prepared statement. Run through {@link
 * io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain}, which seeds one dedicated database
 * for the whole run and drops it afterwards.
 */
package io.github.remnawaveshop.benchmarks.store;
