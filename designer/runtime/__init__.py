"""What a component may import: metrics, progress, the trained-model type and data paths.

This package runs inside the executor child and in component tests. It must not import Django or
any other part of ``designer`` except ``designer.kernel``; keep this module cheap to import (no
pandas here) because every component imports it.
"""

from designer.runtime.data_access import data_roots, resolve_data_path
from designer.runtime.events import log_metric, report_progress
from designer.runtime.models import TrainedModel

__all__ = ["TrainedModel", "data_roots", "log_metric", "report_progress", "resolve_data_path"]
