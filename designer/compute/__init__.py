"""Compute targets, worker heartbeats and the broker: where node runs go to be executed."""
