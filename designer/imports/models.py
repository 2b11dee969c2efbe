"""Imports keep no tables of their own: they create components, pipelines and schedules."""
