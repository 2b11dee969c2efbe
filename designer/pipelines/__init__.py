"""Pipelines: editable graphs of component instances, and their frozen versions."""
