"""Dataset: bound by the engine when a run starts (designer/runs/sources.py).

The node's output is the stored dataset version itself, so this function is reached only
if the engine is asked to execute the node, which is a mistake worth a clear message.
"""


def run(name: str = "", version: str = "latest") -> None:
    raise RuntimeError(
        f"Dataset node for {name!r} (version {version}) was sent to a worker; dataset nodes "
        "are bound to their stored version when the run starts and never execute."
    )
