"""Benchmarks and the large synthetic data generator (run on demand, never in the test suite)."""
