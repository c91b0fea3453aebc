"""Benchmarks of the public pages, run by hand or with `make bench` (see the README)."""
