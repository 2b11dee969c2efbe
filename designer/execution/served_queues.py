"""Which compute targets this process's workers serve.

A worker that finishes a node may run a successor itself when that successor is bound for a
queue it serves: the hand-off then costs a database round trip instead of a broker round
trip. The broker message is still sent; whoever claims the node first runs it.
"""

_served: set[str] | None = set()


def serve_all() -> None:
    """The embedded default: every target is served here."""
    global _served
    _served = None


def serve(targets: set[str]) -> None:
    global _served
    _served = set(targets)


def serves(target: str) -> bool:
    return _served is None or target in _served
