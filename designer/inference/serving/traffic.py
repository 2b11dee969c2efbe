"""Which deployment answers a request: the traffic split, unless the caller names one.

The split is a smooth weighted round robin (as nginx balances upstreams): each deployment
gains its weight every request, the one with the most credit answers and pays the total. It
is exact over every cycle (80/20 gives 4 of one, then 1 of the other, interleaved) and needs
no randomness, so a split over a thousand requests is 800/200, not 800 ± 25. Plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping


class TrafficSplit:
    def __init__(self, weights: Mapping[str, int]) -> None:
        self.weights = {name: int(weight) for name, weight in weights.items() if weight > 0}
        self.total = sum(self.weights.values())
        self._credit = dict.fromkeys(self.weights, 0)

    def choose(self) -> str | None:
        """The next deployment by weight; None when every weight is 0."""
        if not self.total:
            return None
        for name, weight in self.weights.items():
            self._credit[name] += weight
        chosen = max(self._credit, key=self._credit.__getitem__)
        self._credit[chosen] -= self.total
        return chosen
