"""Pipewright: a self-hosted designer for machine-learning pipelines.

This package must stay importable without Django: `designer.kernel` and
`designer.runtime` are used by executor child processes that never set Django up.
"""
