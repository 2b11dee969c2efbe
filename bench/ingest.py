"""Storing a step's output as the worker does (`designer.artifacts.services.ingest`: hash,
copy into the store, the artifact row), for small distinct files one after the other.

    .venv/bin/python bench/ingest.py [--files 200] [--rounds 3]

Uses a fresh SQLite database in a temporary folder (or DATABASE_URL when set, with
DESIGNER_SECRET_KEY). Prints the time an output of each round and the best, as JSON, and
writes bench/results/ingest.json.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.in_process import fresh_django

    folder = fresh_django("pw-ingest-")
    from django.db import connection

    from designer.artifacts.services import ingest

    outputs = folder / "outputs"
    outputs.mkdir()
    tag = time.time()  # new content on every run, also against a reused database
    rounds = []
    for number in range(args.rounds):
        paths = []
        for i in range(args.files):
            path = outputs / f"{number}-{i}.json"
            path.write_text(json.dumps({"n": i, "round": number, "tag": tag}))
            paths.append(path)
        started = time.perf_counter()
        for path in paths:
            ingest(path, "json")
        rounds.append((time.perf_counter() - started) * 1000 / args.files)
    result = {
        "database": connection.vendor,
        "files": args.files,
        "ms_per_output": [round(ms, 3) for ms in rounds],
        "best_ms_per_output": round(min(rounds), 3),
    }
    print(json.dumps(result, indent=2))
    (ROOT / "bench" / "results" / "ingest.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
