"""Helpers of the transit benchmarks: the synthetic city and the pyraptor peer."""
