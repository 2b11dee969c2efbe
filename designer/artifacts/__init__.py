"""Artifacts: immutable, content-addressed outputs of node runs, and their previews."""
