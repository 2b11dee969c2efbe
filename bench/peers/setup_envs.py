"""Create one virtualenv per orchestrator under var/peers/ (or --root), with its pinned version.

    .venv/bin/python bench/peers/setup_envs.py [--root var/peers] [--only dagster]

Uses uv (installed with the project) and PyPI; not part of `make test`.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PEERS = {
    "dagster": ["dagster==1.13.28"],
    "prefect": ["prefect==3.9.1"],
    "kedro": ["kedro==1.7.0"],
}


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if not found:
        raise SystemExit("uv is needed (it comes with the project's environment)")
    return found


def python_of(root: Path, name: str) -> Path:
    return root / name / "bin" / "python"


def create(root: Path, name: str) -> Path:
    venv = root / name
    python = python_of(root, name)
    if not python.exists():
        subprocess.run([uv(), "venv", "--python", sys.executable, str(venv)], check=True)
    subprocess.run(
        [
            uv(),
            "pip",
            "install",
            "--python",
            str(python),
            "-r",
            str(HERE / "requirements.txt"),
            *PEERS[name],
        ],
        check=True,
    )
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT / "var" / "peers")
    parser.add_argument("--only", choices=sorted(PEERS))
    args = parser.parse_args()
    for name in [args.only] if args.only else PEERS:
        print(f"== {name}", flush=True)
        create(args.root, name)


if __name__ == "__main__":
    main()
