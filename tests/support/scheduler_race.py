"""One scheduler process for the race test, against the database in DATABASE_URL.

`setup FOLDER`: migrate, publish an endpoint, and create a schedule and a data trigger on
FOLDER (inside DESIGNER_DATA_ROOTS), at injected instants; prints their ids as JSON.
`race BARRIER COUNT`: wait until COUNT processes have reached the BARRIER folder, then call
`tick(now)` for the same series of injected instants at the same moments as the others.
`restart`: a fresh process's passes, later on the same clock.
Each prints what it fired and any errors as JSON on its last line.
"""

import json
import logging
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from designer.accounts.models import Membership, default_workspace_id  # noqa: E402
from designer.endpoints.services import publish  # noqa: E402
from designer.pipelines.models import Pipeline  # noqa: E402
from designer.registry.services import sync_builtin_components  # noqa: E402
from designer.schedules.scheduler import tick  # noqa: E402
from designer.schedules.services.schedules import create_schedule  # noqa: E402
from designer.schedules.services.triggers import create_trigger  # noqa: E402
from tests.support.live import sample_graph  # noqa: E402

T0 = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
TICKS = 12  # one every 10 minutes; the trigger's changes settle part-way through
STEP = timedelta(minutes=10)


def instants() -> list[datetime]:
    return [T0 + STEP * k + timedelta(seconds=1) for k in range(TICKS)]


def setup(folder: str) -> dict:
    call_command("migrate", verbosity=0)
    sync_builtin_components()
    user = get_user_model().objects.create_user(username="ada", password="lovelace")
    Membership.objects.create(workspace_id=default_workspace_id(), user=user, role="owner")
    sample = sample_graph()
    parameters = {**sample["parameters"], "paths": {"type": "string", "default": "[]"}}
    pipeline = Pipeline.objects.create(name="race", graph=sample["graph"], parameters=parameters)
    publish(user, pipeline.pk, "race")
    schedule = create_schedule(
        user, name="every-ten", endpoint="race", cron="*/10 * * * *", catch_up="all", now=T0
    )
    trigger = create_trigger(
        user,
        name="drop",
        endpoint="race",
        path=folder,
        paths_parameter="paths",
        debounce_seconds=15 * 60,
    )
    return {"schedule": schedule.pk, "trigger": trigger.pk}


def race(barrier: Path, count: int) -> dict:
    (barrier / f"ready-{os.getpid()}").touch()
    while len(list(barrier.glob("ready-*"))) < count:
        time.sleep(0.05)
    base = max(p.stat().st_mtime for p in barrier.glob("ready-*")) + 1.0
    return passes(instants(), base)


class Errors(logging.Handler):
    """Failures the pass logged and carried on from: the test wants none."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(f"{record.getMessage()} {record.exc_info and record.exc_info[1]!r}")


def passes(moments: list[datetime], base: float) -> dict:
    fired, errors = [], []
    logged = Errors()
    logging.getLogger().addHandler(logged)
    for k, now in enumerate(moments):
        time.sleep(max(0.0, base + 0.4 * k - time.time()))  # the same moment in every process
        try:
            fired += [{"source": f.source, "at": f.at.isoformat(), "run": f.run} for f in tick(now)]
        except Exception as exc:  # what the test reports
            errors.append(f"{type(exc).__name__}: {exc}")
    return {"fired": fired, "errors": errors + logged.seen}


def main() -> None:
    mode = sys.argv[1]
    if mode == "setup":
        result = setup(sys.argv[2])
    elif mode == "race":
        result = race(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        later = [instants()[-1] + STEP * k for k in range(1, 4)]
        result = passes(later, time.time())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
