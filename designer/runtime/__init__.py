"""What a component may import: metrics, progress and the trained-model type.

This package runs inside the executor child and in component tests. It must not import Django or
any other part of ``designer`` except ``designer.kernel``; keep this module cheap to import (no
pandas here) because every component imports it.
"""

from designer.runtime.events import log_metric, report_progress
from designer.runtime.models import TrainedModel

__all__ = ["TrainedModel", "log_metric", "report_progress"]
