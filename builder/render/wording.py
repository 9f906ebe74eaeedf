"""Figures in words for readers who are not statisticians: "nearly four in five of the 55
panel members" next to the exact percentage, which stays as printed and cited."""

from __future__ import annotations

FRACTIONS = (
    (10, "one in ten"),
    (20, "one in five"),
    (25, "one in four"),
    (100 / 3, "one in three"),
    (40, "two in five"),
    (50, "half"),
    (60, "three in five"),
    (200 / 3, "two in three"),
    (75, "three in four"),
    (80, "four in five"),
    (90, "nine in ten"),
    (100, "all"),
)


def share(pct: int) -> str:
    """The nearest everyday fraction: 82 -> "more than four in five", 73 -> "nearly three in
    four", 50 -> "half"."""
    value, words = min(FRACTIONS, key=lambda f: abs(f[0] - pct))
    if abs(value - pct) < 1:
        return words
    if pct == 0:
        return "none"
    return f"nearly {words}" if pct < value else f"more than {words}"


def of_panel(pct: int, respondents: int) -> str:
    """ "nearly four in five of the 55 panel members (78%)"."""
    return f"{share(pct)} of the {respondents} panel members ({pct}%)"
