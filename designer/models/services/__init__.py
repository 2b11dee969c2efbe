"""Model registry services: the registry itself (`registry`), registering versions
(`registration`, with `origin` for what a run output was made from and `upload` for files
from outside), and the MLflow export (`export`)."""
