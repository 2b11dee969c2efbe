"""Datastores and versioned datasets."""
