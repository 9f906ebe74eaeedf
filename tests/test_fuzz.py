"""The loaders are fuzzed: any bytes in any content file give either a Site or a list of
problems (in the editors' format), never a traceback."""

from __future__ import annotations

import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import pipeline
from builder.paths import Paths
from builder.problems import ContentError
from tests.conftest import FIXTURES, TODAY, make_project

TARGETS = [
    "pages/about.md",
    "glossary.yaml",
    "references.yaml",
    "audiences.yaml",
    "pages/index.md",
    "register/rv-2025-001.yaml",
]
LINE = re.compile(r"^content/[\w./-]+:\d+: ")


def check_survives(paths: Paths) -> None:
    try:
        pipeline.check(paths, TODAY)
    except ContentError as exc:
        assert exc.problems, "a ContentError must carry its problems"
        for problem in exc.problems:
            assert LINE.match(str(problem)), str(problem)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(TARGETS), data=st.binary(max_size=400))
def test_any_bytes_give_a_site_or_problems(tmp_path_factory, target: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    paths = make_project(tmp_path_factory.mktemp("fuzz"), FIXTURES / "mini" / "content")
    file = paths.content / target
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    check_survives(paths)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(TARGETS[:3]), cut=st.integers(0, 2000), noise=st.text(max_size=40))
def test_damaged_real_files_give_problems(
    tmp_path_factory, target: str, cut: int, noise: str
) -> None:  # type: ignore[no-untyped-def]
    paths = make_project(tmp_path_factory.mktemp("damage"), FIXTURES / "mini" / "content")
    file = paths.content / target
    text = file.read_text()
    cut = min(cut, len(text))
    file.write_text(text[:cut] + noise + text[cut:])
    check_survives(paths)


def test_fixture_register_records_are_fictional_and_valid(full: Paths) -> None:
    # The fuzz targets include a register record: each fixture record says it is made up,
    # validates (the safety scan included) and counts in the observatory.
    records = sorted((FIXTURES / "register").glob("*.yaml"))
    assert len(records) == 3
    for record in records:
        assert record.read_text().startswith("# Fixture only: a made-up"), record.name
    shutil.copytree(FIXTURES / "register", full.content / "register")
    checked = pipeline.check(full, TODAY)
    assert [r.id for r in checked.site.register] == [r.stem for r in records]
