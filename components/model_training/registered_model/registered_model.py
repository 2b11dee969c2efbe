"""Registered Model: bound by the engine when a run starts (designer/runs/sources.py).

The node's output is the registered model version's stored artifact, so this function is
reached only if the engine is asked to execute the node, which is a mistake worth a clear
message.
"""


def run(name: str = "", version: str = "latest") -> None:
    raise RuntimeError(
        f"Registered Model node for {name!r} (version {version}) was sent to a worker; model "
        "nodes are bound to their stored version when the run starts and never execute."
    )
