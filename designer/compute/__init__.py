"""Compute targets, the broker, workers and the executor launcher.

`designer.compute.child` is imported by executor children: keep this package's
`__init__` free of Django imports.
"""
