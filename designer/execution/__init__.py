"""The worker side of a node run: claim it, run it in an executor child, finish it."""
