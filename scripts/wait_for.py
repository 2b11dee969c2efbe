"""Wait until services answer, then become a command: `wait_for.py tcp:HOST:PORT URL ... -- CMD`.

A process of the distributed deployment (deploy/Procfile) starts with the others at once; it
waits here for the broker and the object store it needs instead of failing and taking the
whole group down with it."""

import os
import socket
import sys
import time
import urllib.error
import urllib.request

PATIENCE_SECONDS = 120


def answers(target: str) -> bool:
    if target.startswith("tcp:"):
        host, port = target[4:].rsplit(":", 1)
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                return True
        except OSError:
            return False
    try:
        with urllib.request.urlopen(target, timeout=2):
            return True
    except urllib.error.HTTPError as exc:
        # Up, even if it refuses an anonymous read; a 404 is a bucket not made yet.
        return exc.code in (401, 403)
    except OSError:
        return False


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit("usage: wait_for.py TARGET... -- COMMAND [ARGS...]")
    split = argv.index("--")
    targets, command = argv[:split], argv[split + 1 :]
    deadline = time.monotonic() + PATIENCE_SECONDS
    for target in targets:
        while not answers(target):
            if time.monotonic() > deadline:
                sys.exit(f"{target} did not answer within {PATIENCE_SECONDS} s")
            time.sleep(0.2)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
