"""Sample pipelines shipped with Pipewright, created on first start so a newcomer can press Run."""

import json
from pathlib import Path

from designer.pipelines.models import Pipeline

HERE = Path(__file__).parent


def ensure_samples() -> list[str]:
    created = []
    for path in sorted(HERE.glob("*.json")):
        sample = json.loads(path.read_text())
        if not Pipeline.objects.filter(name=sample["name"]).exists():
            Pipeline.objects.create(
                name=sample["name"],
                description=sample.get("description", ""),
                graph=sample["graph"],
                parameters=sample.get("parameters", {}),
            )
            created.append(sample["name"])
    return created
