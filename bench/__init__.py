"""Benchmarks and evaluations (run by ``make bench``, ``make eval`` and ``make eval-public``)."""
