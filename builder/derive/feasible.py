"""Can whole numbers of respondents produce a row of printed, rounded percentages? Written here
(a few lines of dynamic programming) because no library answers this exact question."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fit:
    possible: bool
    lowest: int  # the smallest and largest number of respondents the cells allow
    highest: int
    respondents: int
    impossible_cells: tuple[int, ...]

    def explain(self) -> str:
        if self.impossible_cells:
            cells = ", ".join(f"{p}%" for p in self.impossible_cells)
            return f"no count out of {self.respondents} rounds to {cells}"
        return (
            f"counts that round to these cells total {self.lowest}-{self.highest} "
            f"respondents, never {self.respondents}"
        )


def candidates(percent: int, n: int) -> list[int]:
    """Every count k of n whose percentage rounds (half up) to `percent`."""
    return [k for k in range(n + 1) if int(100 * k / n + 0.5) == percent]


def counts_fit(percentages: list[int], n: int) -> Fit:
    options = [candidates(p, n) for p in percentages]
    impossible = tuple(p for p, ks in zip(percentages, options, strict=True) if not ks)
    if impossible:
        return Fit(False, 0, 0, n, impossible)
    sums = {0}
    for ks in options:
        sums = {s + k for s in sums for k in ks if s + k <= n + len(percentages) * n}
    return Fit(n in sums, min(sums), max(sums), n, ())


def whole_counts(percentages: list[int], n: int) -> list[tuple[int, ...]]:
    """Every vector of whole counts out of n that rounds (half up) to each printed cell and
    totals n: the respondents a row of rounded percentages can stand for."""
    found: list[tuple[int, ...]] = [()]
    for p in percentages:
        found = [(*f, k) for f in found for k in candidates(p, n) if sum(f) + k <= n]
    return [f for f in found if sum(f) == n]
