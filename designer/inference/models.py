"""Inference: derived inference pipelines and real-time endpoints."""
