"""Start the distributed deployment on one machine: PostgreSQL (already running), Redis, an
S3-compatible store, the web process, the scheduler and one worker for each of two compute
targets (`default` and `second`), as separate processes under honcho (deploy/Procfile).

Every setting can be changed with an option or its environment variable, so several copies
(or a test) can run side by side. Ctrl-C stops every process. docs/deploy.md shows the same
processes spread over several machines."""

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def options() -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=env("PIPEWRIGHT_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env("PIPEWRIGHT_WEB_PORT", "8000")))
    parser.add_argument("--redis-port", type=int, default=int(env("PIPEWRIGHT_REDIS_PORT", "6380")))
    parser.add_argument("--s3-port", type=int, default=int(env("PIPEWRIGHT_S3_PORT", "9000")))
    parser.add_argument(
        "--postgres",
        default=env("PIPEWRIGHT_POSTGRES", "postgresql://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server (its database is made if missing)",
    )
    parser.add_argument("--database", default=env("PIPEWRIGHT_DATABASE", "pipewright_distributed"))
    parser.add_argument(
        "--var",
        type=Path,
        default=Path(env("PIPEWRIGHT_DISTRIBUTED_VAR", str(ROOT / "var" / "distributed"))),
        help="the folder for the key, the environment file and the processes' work folders",
    )
    return parser.parse_args()


def ensure_database(server: str, name: str) -> str:
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"database {name} created")
    except psycopg.OperationalError as exc:
        sys.exit(
            f"PostgreSQL at {server} does not answer ({exc}).\n"
            "Start it (on Debian: pg_ctlcluster <version> main start) or pass --postgres."
        )
    return f"{server}/{name}"


def secret_key(folder: Path) -> str:
    """One key for every process of this deployment, made once and kept."""
    keep = folder / "secret_key"
    if not keep.exists():
        keep.write_text(secrets.token_urlsafe(50))
        keep.chmod(0o600)
    return keep.read_text().strip()


def environment(args: argparse.Namespace) -> dict[str, str]:
    args.var.mkdir(parents=True, exist_ok=True)
    broker = f"redis://127.0.0.1:{args.redis_port}"
    bucket = "pipewright"
    return {
        "DATABASE_URL": ensure_database(args.postgres, args.database),
        "DESIGNER_SECRET_KEY": secret_key(args.var),
        "DESIGNER_BROKER_URL": f"{broker}/0",
        "DESIGNER_CHANNEL_URL": f"{broker}/1",
        "DESIGNER_ARTIFACTS": f"s3://{bucket}/artifacts",
        "DESIGNER_S3_ENDPOINT_URL": f"http://127.0.0.1:{args.s3_port}",
        "AWS_ACCESS_KEY_ID": "trial",
        "AWS_SECRET_ACCESS_KEY": "trial",
        "AWS_DEFAULT_REGION": "us-east-1",
        "DESIGNER_VAR": str(args.var),
        "DESIGNER_ALLOWED_HOSTS": f"{args.host},127.0.0.1,localhost",
        "PIPEWRIGHT_HOST": args.host,
        "PIPEWRIGHT_WEB_PORT": str(args.port),
        "PIPEWRIGHT_REDIS_PORT": str(args.redis_port),
        "PIPEWRIGHT_S3_PORT": str(args.s3_port),
        "PIPEWRIGHT_S3_BUCKET": bucket,
    }


def main() -> None:
    args = options()
    settings = environment(args)
    env_file = args.var / "env"
    env_file.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
    env_file.chmod(0o600)
    run_env = {**os.environ, **settings}
    python = sys.executable
    venv_bin = str(Path(python).parent)
    run_env["PATH"] = f"{venv_bin}{os.pathsep}{run_env.get('PATH', '')}"
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=run_env, check=True
    )
    print(
        f"\nPipewright (distributed) will answer on http://{args.host}:{args.port}/ "
        f"— processes: redis, s3, web, scheduler, worker_default, worker_second.\n"
        f"The environment of every process is in {env_file}; Ctrl-C stops them all.\n",
        flush=True,
    )
    honcho = [python, "-m", "honcho", "-f", str(ROOT / "deploy" / "Procfile"), "-d", str(ROOT)]
    os.execve(python, [*honcho, "start"], run_env)


if __name__ == "__main__":
    main()
