"""The safety check's quick pre-test never rules out a text one of its patterns matches."""

from __future__ import annotations

import pytest

from builder.validate import safety

MATCHING = [
    "<script>alert(1)</script>",
    '<a href="x" onclick="go()">',
    "[link](JavaScript :alert(1))",
    '<img src="https://example.org/x.png">',
    "She was born on 3 May 2011.",
    "DOB: 12/03/2014",
    "d.o.b 12/03/2014",
    "They lived at SW1A 1AA.",
    "Call 020 7946 0958 now.",
    "Write to someone@example.org.",
    "Near 12 High Street today.",
    "Mrs Smith said so.",
    "Then Emily Jones arrived.",
    "(Oliver Twist)",
]


@pytest.mark.parametrize("text", MATCHING)
def test_a_text_a_pattern_matches_is_always_searched(text: str) -> None:
    assert any(pattern.search(text) for pattern in safety.ALL_PATTERNS)
    assert safety._may_match(text)


def test_clean_text_is_ruled_out() -> None:
    assert not safety._may_match("Practitioners review the plan with the family.")
