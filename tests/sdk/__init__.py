"""Tests of the Python SDK and the `pipewright` command against a live server."""
