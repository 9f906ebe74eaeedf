"""Benchmarks: build speed, page size and search bytes at scale (`make bench`)."""
