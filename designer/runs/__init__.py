"""Runs: experiments, runs, node runs, their events, the orchestrator and the workers' actor."""
