"""Published pipelines: named endpoints with numbered versions that other systems call."""
