# ruff: noqa: E501  (each message is kept on one line, as editors see it and can grep it)
"""One broken copy of the full fixture per rule, asserting the exact message editors see: every
cross-check between content kinds (validate/site.py, validate/links.py), every Delphi integrity
rule (validate/delphi.py) and the content-safety scan. Each case changes one thing; a rule that
stops firing, or fires at another line, fails its case."""

from __future__ import annotations

import re
import shutil

import pytest

from builder import pipeline
from builder.paths import Paths
from builder.problems import ContentError, Severity
from tests.conftest import TODAY

# A case: edits (file under content/, regular expression, replacement; a None expression renames
# the file to the replacement, an empty one copies it there) and the exact errors they must give,
# in order.
Edit = tuple[str, str | None, str]

CASES = [
    pytest.param(
        [("factsheets/evaluating-reviews.yaml", "(?s).*", "- just a list\n")],
        [
            "content/factsheets/evaluating-reviews.yaml:1: should be a set of fields (name: value), one a line"
        ],
        id="record-not-a-mapping",
    ),
    pytest.param(
        [("audiences.yaml", "(?s)  - id: researchers\\n.*", "")],
        ["content/audiences.yaml:1: audiences: every audience needs an entry; add researchers"],
        id="audience-missing",
    ),
    pytest.param(
        [("pages/about.md", "\\[@dfe-rr037, Table 3", "[@dfe-rr038, Table 3")],
        [
            "content/pages/about.md:14: body: no reference has the key 'dfe-rr038' in content/references.yaml or content/publications.yaml; did you mean 'dfe-rr037'?"
        ],
        id="citation-unknown-key",
    ),
    pytest.param(
        [("pages/accessibility.md", None, "pages/glossary.md")],
        [
            "content/pages/glossary.md:1: id: the file name 'glossary' gives the address glossary/, which is reserved for a page the builder generates (glossary.md); rename the file"
        ],
        id="reserved-page-id",
    ),
    pytest.param(
        [("themes/learning-without-blame.md", "delphi: \\[local-5", "delphi: [local-50")],
        [
            "content/themes/learning-without-blame.md:23: delphi[0]: 'local-50' is not a known Delphi statement; did you mean 'local-5'?"
        ],
        id="theme-delphi",
    ),
    pytest.param(
        [
            (
                "themes/learning-without-blame.md",
                "analyses: \\[ofsted-2008",
                "analyses: [ofsted-2018",
            )
        ],
        [
            "content/themes/learning-without-blame.md:24: analyses[0]: 'ofsted-2018' is not a known national analysis; did you mean 'ofsted-2008'?"
        ],
        id="theme-analyses",
    ),
    pytest.param(
        [
            (
                "themes/learning-without-blame.md",
                "sources: \\[dfe-rr037, hm",
                "sources: [dfe-rr038, hm",
            )
        ],
        [
            "content/themes/learning-without-blame.md:25: sources[0]: 'dfe-rr038' is not a known reference key; did you mean 'dfe-rr037'?"
        ],
        id="theme-sources",
    ),
    pytest.param(
        [
            (
                "findings/national-analysis.yaml",
                "id: national-analysis-is-valued",
                "id: learn-during-the-review",
            )
        ],
        [
            "content/findings/national-analysis.yaml:13: findings[0].id: 'learn-during-the-review' is already a finding id (in content/findings/local-learning.yaml); finding ids must be unique across all findings files"
        ],
        id="finding-duplicate-id",
    ),
    pytest.param(
        [("findings/local-learning.yaml", "delphi: \\[local-1\\]", "delphi: [local-99]")],
        [
            "content/findings/local-learning.yaml:24: findings[0].delphi[0]: 'local-99' is not a known Delphi statement; did you mean 'local-9'?"
        ],
        id="finding-delphi",
    ),
    pytest.param(
        [
            (
                "findings/local-learning.yaml",
                "themes: \\[learning-within-the-review, involving",
                "themes: [learning-within-reviews, involving",
            )
        ],
        [
            "content/findings/local-learning.yaml:25: findings[0].themes[0]: 'learning-within-reviews' is not a known theme; did you mean 'learning-within-the-review'?"
        ],
        id="finding-themes",
    ),
    pytest.param(
        [
            (
                "recommendations.yaml",
                "themes: \\[involving-practitioners, learning-within-the-review\\]",
                "themes: [involving-practitioner, learning-within-the-review]",
            )
        ],
        [
            "content/recommendations.yaml:10: themes[0]: 'involving-practitioner' is not a known theme; did you mean 'involving-practitioners'?"
        ],
        id="implication-themes",
    ),
    pytest.param(
        [("analyses/brandon-2008.yaml", "reference: brandon-2008", "reference: brandon-2018")],
        [
            "content/analyses/brandon-2008.yaml:6: reference: no reference has the key 'brandon-2018' in content/references.yaml; did you mean 'brandon-2010'?"
        ],
        id="analysis-reference",
    ),
    pytest.param(
        [("factsheets/delphi-local.yaml", "sources: \\[dfe-rr037\\]", "sources: [dfe-rr073]")],
        [
            "content/factsheets/delphi-local.yaml:20: sources[0]: 'dfe-rr073' is not a known reference key; did you mean 'dfe-rr037'?"
        ],
        id="factsheet-sources",
    ),
    pytest.param(
        [
            (
                "factsheets/learning-without-blame.yaml",
                "theme: learning-without-blame",
                "theme: learning-without-shame",
            )
        ],
        [
            "content/factsheets/learning-without-blame.yaml:5: theme: 'learning-without-shame' is not a known theme; did you mean 'learning-without-blame'?"
        ],
        id="factsheet-theme",
    ),
    pytest.param(
        [("factsheets/delphi-local.yaml", "chart: delphi-local", "chart: delphi-locale")],
        [
            "content/factsheets/delphi-local.yaml:18: chart: 'delphi-locale' is not one of delphi-local, delphi-national-analysis, delphi-learning-nationally, observatory-cases-per-analysis, observatory-report-length, observatory-timeliness, observatory-ofsted-judgements; did you mean 'delphi-local'?"
        ],
        id="factsheet-chart",
    ),
    pytest.param(
        [("newsletters/issue-1.md", "  - delphi\\n", "  - delphy\n")],
        [
            "content/newsletters/issue-1.md:9: featured[2]: 'delphy' is not a known id; did you mean 'delphi'?"
        ],
        id="newsletter-featured",
    ),
    pytest.param(
        [("newsletters/issue-1.md", "rose-2008", "rose-2080")],
        [
            "content/newsletters/issue-1.md:12: sources[1]: 'rose-2080' is not a known reference key; did you mean 'rose-2008'?"
        ],
        id="newsletter-sources",
    ),
    pytest.param(
        [
            (
                "training/learning-without-blame.yaml",
                "theme: learning-without-blame",
                "theme: learning-without-shame",
            )
        ],
        [
            "content/training/learning-without-blame.yaml:3: theme: 'learning-without-shame' is not a known theme; did you mean 'learning-without-blame'?"
        ],
        id="training-theme",
    ),
    pytest.param(
        [
            (
                "training/learning-without-blame.yaml",
                "factsheet: learning-without-blame",
                "factsheet: learning-without-shame",
            )
        ],
        [
            "content/training/learning-without-blame.yaml:4: factsheet: 'learning-without-shame' is not a known fact sheet; did you mean 'learning-without-blame'?"
        ],
        id="training-factsheet",
    ),
    pytest.param(
        [("training/learning-without-blame.yaml", "delphi: \\[local-5", "delphi: [local-55")],
        [
            "content/training/learning-without-blame.yaml:79: delphi[0]: 'local-55' is not a known Delphi statement; did you mean 'local-5'?"
        ],
        id="training-delphi",
    ),
    pytest.param(
        [
            (
                "training/learning-without-blame.yaml",
                "sources: \\[dfe-rr037, hm-government-2010",
                "sources: [dfe-rr037, hm-govt-2010",
            )
        ],
        [
            "content/training/learning-without-blame.yaml:80: sources[1]: 'hm-govt-2010' is not a known reference key; did you mean 'hm-government-2010'?"
        ],
        id="training-sources",
    ),
    pytest.param(
        [
            (
                "delphi/responses.csv",
                '^("local",1,1,.*",)0,6,5,15,36,32,6,',
                "\\g<1>0,6,5,15,36,32,16,",
            )
        ],
        [
            "content/delphi/responses.csv:2: the seven percentages add up to 110, not about 100; check this row against Appendix 3"
        ],
        id="delphi-percentages-sum",
    ),
    pytest.param(
        [("delphi/sections.yaml", "statements: 13", "statements: 14")],
        [
            "content/delphi/sections.yaml:3: statements: section 'local' should have statements 1-14 in responses.csv: missing statement(s) 14"
        ],
        id="delphi-section-statements",
    ),
    pytest.param(
        [("delphi/responses.csv", '^"local",2,1,.*\\n', "")],
        [
            "content/delphi/responses.csv:4: round: statement local 2 has no round 1 row; every statement needs both rounds"
        ],
        id="delphi-missing-round",
    ),
    pytest.param(
        [
            (
                "delphi/responses.csv",
                '^"local",13,2(,.*)\\n',
                '\\g<0>"local",14,1\\g<1>\n"local",14,2\\g<1>\n',
            ),
            ("delphi/published.csv", '^"local",13(,.*)\\n', '\\g<0>"local",14\\g<1>\n'),
            ("delphi/sections.yaml", "statements: 13", "statements: 14"),
        ],
        ["content/delphi/sections.yaml:1: statements: found 40 statements; the report has 39"],
        id="delphi-total-statements",
    ),
    pytest.param(
        [("delphi/responses.csv", '^("local",2,1,"Those who collate)', "\\g<1> all")],
        [
            "content/delphi/responses.csv:1: statement: 11 statements have different wordings in rounds 1 and 2; the report revised 10: check the wordings"
        ],
        id="delphi-revised-count",
    ),
    pytest.param(
        [("delphi/published.csv", '^("local",13,)(.*)\\n', '\\g<1>\\g<2>\n"local",14,\\g<2>\n')],
        ["content/delphi/published.csv:15: number: no statement local 14 in responses.csv"],
        id="delphi-published-without-statement",
    ),
    pytest.param(
        [("delphi/published.csv", '^"local",13,.*\\n', "")],
        [
            "content/delphi/published.csv:1: section: statement local 13 has no row from the published tables; add it as printed"
        ],
        id="delphi-statement-without-published",
    ),
    pytest.param(
        [("delphi/study.yaml", "  - round: 2", "  - round: 1")],
        [
            "content/delphi/study.yaml:1: rounds: needs exactly one entry for round 1 and one for round 2"
        ],
        id="delphi-study-rounds",
    ),
    pytest.param(
        [("delphi/study.yaml", "\\{agency: Health, count: 23\\}", "{agency: Health, count: 24}")],
        [
            "content/delphi/study.yaml:1: rounds[0].agencies: agency counts add up to 67 but respondents is 66; check them against chapter 3"
        ],
        id="delphi-agency-counts",
    ),
    pytest.param(
        [
            (
                "training/involving-practitioners.yaml",
                "^sources:",
                "materials:\n  - title: Blank timeline\n    step: Timeline exercise\n"
                "    instructions: Print one for each group.\n"
                "    columns: [Stage, Who]\n    rows: [Publication]\nsources:",
            )
        ],
        [
            "content/training/involving-practitioners.yaml:87: materials[0].step: 'Timeline "
            "exercise' is not an activity of session_plan; copy the name of the step this is "
            "for exactly: 'Welcome, purpose and ground rules'; 'Warm-up: one word'; 'The "
            "evidence in brief'; 'Case study in small groups'; 'Break'; 'Redesigning the review "
            "timeline'; 'Debate: independence'; 'Close and commitments'"
        ],
        id="training-material-for-no-step",
    ),
    pytest.param(
        [
            (
                "training/involving-practitioners.yaml",
                "^sources:",
                "materials:\n  - title: Blank timeline\n    step: Break\n"
                "    instructions: Print one for each group.\nsources:",
            )
        ],
        [
            "content/training/involving-practitioners.yaml:86: materials[0]: 'Blank timeline' "
            "needs either cards (one text each) or a sheet (columns, at least two, and rows), "
            "not both and not neither"
        ],
        id="training-material-neither-cards-nor-sheet",
    ),
    pytest.param(
        [("delphi/study.yaml", "both_rounds: 43", "both_rounds: 60")],
        [
            "content/delphi/study.yaml:1: both_rounds: 60 took part in both rounds, more than the 55 who answered one round"
        ],
        id="delphi-both-rounds",
    ),
    pytest.param(
        [
            (
                "pages/about.md",
                "This site puts those ideas into practice\\.",
                "This site puts those ideas into practice.\n\n<script>alert(1)</script> Call 0121 496 0000 for Mrs Smith.",
            )
        ],
        [
            "content/pages/about.md:16: body: '0121 496 0000' looks like a phone number; content must not identify anyone: remove it (or, for an author or organisation, add it to content/allowlist.yaml)",
            "content/pages/about.md:16: body: 'Mrs Smith' looks like a personal name; content must not identify anyone: remove it (or, for an author or organisation, add it to content/allowlist.yaml)",
            "content/pages/about.md:16: body: raw <script> is not allowed in content; write Markdown (allowed HTML: the elements Markdown itself makes)",
        ],
        id="safety-script-and-personal-detail",
    ),
    pytest.param(
        [("themes/learning-without-blame.md", "", "themes/future-thematic-reviews.md")],
        [
            "content/themes/future-thematic-reviews.md:1: id: the file name 'future-thematic-reviews' gives the address themes/future-thematic-reviews/, which is reserved for a page the builder generates (themes/future-thematic-reviews.md); rename the file"
        ],
        id="theme-at-a-generated-address",
    ),
    pytest.param(
        [("pages/accessibility.md", "", "pages/themes.md")],
        [
            "content/pages/themes.md:1: id: the file name 'themes' gives the address themes/, which is reserved for a page the builder generates (themes/index.md); rename the file"
        ],
        id="page-at-a-generated-address",
    ),
    pytest.param(
        [("pages/accessibility.md", "", "pages/theme-accessibility.md")],
        [
            "content/pages/theme-accessibility.md:1: id: the file name 'theme-accessibility' is reserved for a page the builder generates; rename the file"
        ],
        id="page-with-a-reserved-prefix",
    ),
    pytest.param(
        [
            (
                "pages/about.md",
                "This site puts those ideas into practice\\.",
                "This site puts those ideas into practice.\n\nSee [the blame theme](themes/learning-without-blam.md).",
            )
        ],
        [
            "content/pages/about.md:16: body: links to 'themes/learning-without-blam.md', not a page of the site; link to a page by its id, as in [text](id:about); did you mean 'theme-learning-without-blame'?"
        ],
        id="markdown-link-to-a-missing-page",
    ),
    pytest.param(
        [("themes/learning-without-blame.md", "\\Z", "\n[About](/about/)\n")],
        [
            "content/themes/learning-without-blame.md:58: body: links to '/about/', an absolute path, which breaks when the site is not at the root; link to a page by its id, as in [text](id:about)"
        ],
        id="markdown-link-absolute",
    ),
]


def apply(paths: Paths, edits: list[Edit]) -> None:
    for name, pattern, replacement in edits:
        path = paths.content / name
        if pattern is None:
            path.rename(paths.content / replacement)
            continue
        if not pattern:
            shutil.copy(path, paths.content / replacement)
            continue
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert changed != text, f"{pattern!r} not found in {name}: update the case"
        path.write_text(changed, encoding="utf-8")


def errors(paths: Paths) -> list[str]:
    with pytest.raises(ContentError) as caught:
        pipeline.check(paths, TODAY)
    return [str(p) for p in caught.value.problems if p.severity == Severity.ERROR]


def test_the_full_fixture_is_valid(full: Paths) -> None:
    checked = pipeline.check(full, TODAY)
    assert checked.site.delphi is not None and len(checked.site.themes) == 12


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_each_rule_reports_its_exact_message(
    full: Paths, edits: list[Edit], expected: list[str]
) -> None:
    apply(full, edits)
    assert errors(full) == expected


def test_markdown_links_that_lead_to_pages_pass(full: Paths) -> None:
    about = full.content / "pages" / "about.md"
    about.write_text(
        about.read_text()
        + "\n[A theme](themes/learning-without-blame.md), [a tag](tags/blame.md), "
        "[a statement](delphi/local/5.md#top), [elsewhere](https://example.org/x.md), "
        "[here](#top) and `[code](nowhere.md)`.\n\n"
        "```\n[fenced](nowhere.md)\n```\n"
    )
    theme = full.content / "themes" / "learning-without-blame.md"
    theme.write_text(theme.read_text() + "\n[About](../about.md) and [themes](index.md).\n")
    try:
        pipeline.check(full, TODAY)
    except ContentError as error:
        pytest.fail("\n".join(map(str, error.problems)))
