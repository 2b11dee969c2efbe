"""The settings of serving, read once from Django's (DESIGNER_INFERENCE_*, see settings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings as django_settings


@dataclass(frozen=True)
class ServingSettings:
    max_rows: int
    max_body: int
    max_batch_rows: int
    timeout: float
    start_timeout: float
    token_seconds: float
    poll_every: float
    flush_every: float
    failures_kept: int
    stats_days: float
    work_root: Path
    pythonpath: str

    @classmethod
    def from_django(cls) -> ServingSettings:
        s = django_settings
        return cls(
            max_rows=s.DESIGNER_INFERENCE_MAX_ROWS,
            max_body=s.DESIGNER_INFERENCE_MAX_BODY,
            max_batch_rows=max(s.DESIGNER_INFERENCE_BATCH_ROWS, s.DESIGNER_INFERENCE_MAX_ROWS),
            timeout=s.DESIGNER_INFERENCE_TIMEOUT,
            start_timeout=s.DESIGNER_INFERENCE_START_TIMEOUT,
            token_seconds=s.DESIGNER_INFERENCE_TOKEN_SECONDS,
            poll_every=s.DESIGNER_INFERENCE_POLL_SECONDS,
            flush_every=s.DESIGNER_INFERENCE_FLUSH_SECONDS,
            failures_kept=s.DESIGNER_INFERENCE_FAILURES_KEPT,
            stats_days=s.DESIGNER_INFERENCE_STATS_DAYS,
            work_root=Path(s.DESIGNER_WORK_DIR) / "scoring",
            pythonpath=str(s.BASE_DIR),
        )
