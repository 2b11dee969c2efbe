"""Serving real-time endpoints: scoring processes, micro-batches, traffic, the fast HTTP path.

Everything here runs on one asyncio event loop per serving process (the web server's own in
the embedded default, `manage.py serve_inference`'s in distributed mode); `hub.get_hub()` is
the one entry point. See designer/inference/README.md for the pieces and how they fit.
"""
