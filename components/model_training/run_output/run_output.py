"""Run Output: bound by the engine when a run starts (designer/runs/sources.py).

The node's output is an artifact an earlier run stored, so this function is reached only if
the engine is asked to execute the node, which is a mistake worth a clear message.
"""


def run(run: int = 0, node: str = "", port: str = "model") -> None:
    raise RuntimeError(
        f"Run Output node for run {run}, node {node!r}, output {port!r} was sent to a worker; "
        "run output nodes are bound to the stored artifact when the run starts and never execute."
    )
