"""Practice briefings and the national publications since 2010 (issue 14): validation messages,
citations, the references page, rendering order and the generated fact sheets."""

from __future__ import annotations

import shutil

import pytest

from builder import pipeline
from builder.commands import new as scaffold
from builder.paths import Paths
from tests.conftest import FIXTURES, TODAY, edit, problems
from tests.test_downloads import pdf_text

BRIEFINGS = FIXTURES / "briefings"  # eight small briefings and two publications, for the mini site

PUBLICATIONS = """\
publications:
  - key: brandon-2012-new-learning
    short: "Brandon et al. 2012"
    authors: "Brandon, M. and others"
    year: 2012
    title: "New learning from serious case reviews"
    publisher: "Department for Education"
    report_no: "DFE-RR226"
    kind: national-analysis
    url: "https://www.gov.uk/government/publications/new-learning"
    read: 2026-11-29
  - key: ofsted-2011-ages-of-concern
    short: "Ofsted 2011"
    authors: "Ofsted"
    year: 2011
    title: "Ages of concern"
    publisher: "Ofsted"
    kind: national-analysis
    read: 2026-11-29
"""


@pytest.fixture
def with_publications(mini: Paths) -> Paths:
    (mini.content / "publications.yaml").write_text(PUBLICATIONS)
    return mini


def test_publications_are_cited_like_references(with_publications: Paths) -> None:
    paths = with_publications
    edit(
        paths.content / "pages" / "about.md",
        "can be learned [@vincent-2004].",
        "can be learned [@vincent-2004]. Neglect was common [@brandon-2012-new-learning, p. 4].",
    )
    checked = pipeline.check(paths, TODAY)
    assert [p.key for p in checked.site.publications] == [
        "ofsted-2011-ages-of-concern",
        "brandon-2012-new-learning",
    ]
    pipeline.generate(paths, TODAY)
    about = (paths.docs / "about.md").read_text()
    # a numbered note whose entry links to the publication in the references
    assert 'class="crl-noteref"' in about
    assert "Brandon et al. 2012, p. 4" in about and "#brandon-2012-new-learning" in about
    refs = (paths.docs / "references.md").read_text()
    section = refs.split("## National publications since 2010", 1)[1]
    assert section.index("ofsted-2011-ages-of-concern") < section.index("brandon-2012")
    assert "[Official publication](https://www.gov.uk/government/publications/new-learning)" in (
        section
    )
    assert "National analysis." in section
    assert "Read 29 November 2026." in section
    assert "{: #brandon-2012-new-learning }" in section
    assert "No official address seen." in section  # Ofsted 2011 has no url


def test_without_publications_the_references_page_has_no_such_section(mini: Paths) -> None:
    pipeline.generate(mini, TODAY)
    assert "National publications" not in (mini.docs / "references.md").read_text()


def test_publication_key_must_not_repeat_a_reference_key(with_publications: Paths) -> None:
    edit(
        with_publications.content / "publications.yaml",
        "key: ofsted-2011-ages-of-concern",
        "key: vincent-2004",
    )
    assert problems(with_publications) == [
        "content/publications.yaml:12: key: 'vincent-2004' is used twice (also at "
        "content/references.yaml:10); each must be unique, so rename or remove one"
    ]


def test_publication_short_label_is_unique(with_publications: Paths) -> None:
    edit(with_publications.content / "publications.yaml", '"Ofsted 2011"', '"Brandon et al. 2012"')
    assert problems(with_publications) == [
        "content/publications.yaml:13: short: 'Brandon et al. 2012' is used twice (also at "
        "content/publications.yaml:2); each must be unique, so rename or remove one"
    ]


def test_publication_url_must_be_http(with_publications: Paths) -> None:
    edit(
        with_publications.content / "publications.yaml",
        "https://www.gov.uk/government/publications/new-learning",
        "javascript:alert(1)",
    )
    assert problems(with_publications) == [
        "content/publications.yaml:10: url: 'javascript:alert(1)' should be a web address "
        "starting https:// (or http://), with no spaces, quotes or brackets"
    ]


def test_publication_kind_is_one_of_the_listed_kinds(with_publications: Paths) -> None:
    edit(with_publications.content / "publications.yaml", "kind: national-analysis", "kind: book")
    assert problems(with_publications) == [
        "content/publications.yaml:9: kind: 'book' is not one of national-analysis, "
        "national-review, practice-briefing, annual-report, statutory-guidance, "
        "official-statistics, secondary-summary"
    ]


def add_briefings(paths: Paths) -> Paths:
    shutil.copytree(BRIEFINGS / "briefings", paths.content / "briefings")
    shutil.copy(BRIEFINGS / "publications.yaml", paths.content / "publications.yaml")
    return paths


@pytest.fixture
def briefed(mini: Paths) -> Paths:
    return add_briefings(mini)


NEGLECT = "briefings/neglect.md"


def test_fixture_briefings_are_valid_and_ordered(briefed: Paths) -> None:
    site = pipeline.check(briefed, TODAY).site
    assert [b.id for b in site.briefings] == [
        "neglect",
        "domestic-abuse",
        "information-sharing",
        "men-fathers-and-male-carers",
        "adolescents-and-exploitation",
        # no start_here: by title
        "babies-and-non-accidental-injury",
        "disabled-children",
        "sudden-unexpected-death-in-infancy",
    ]
    neglect = site.briefings[0]
    assert neglect.sources == ["dfe-rr037", "fixture-2012-analysis", "fixture-2020-panel"]
    assert neglect.sources_read == ["dfe-rr037", "fixture-2012-analysis"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'title: "Neglect"',
            'title: "' + "A very long title " * 4 + '"',
            "content/briefings/neglect.md:2: title: should be at most 60 characters "
            "(it has 72); shorten it",
        ),
        (
            '  - "Point three: write it down."\n',
            "",
            "content/briefings/neglect.md:7: in_one_minute: should have at least 3 item(s)",
        ),
        (
            "    basis: report",
            "    basis: hearsay",
            "content/briefings/neglect.md:18: national_findings[0].basis: 'hearsay' is not one "
            "of report, primary, secondary",
        ),
        (
            '    summarised_by: "A national charity"\n',
            "",
            "content/briefings/neglect.md:25: national_findings[2]: summarised_by: a finding "
            "with basis secondary needs summarised_by, the third party whose summary you used "
            "(e.g. 'NSPCC Learning'); add it",
        ),
        (
            "    basis: primary\n",
            '    basis: primary\n    summarised_by: "Someone else"\n',
            "content/briefings/neglect.md:20: national_findings[1]: summarised_by: only a "
            "finding with basis secondary names who summarised it; remove summarised_by, or set "
            "basis: secondary (basis is primary)",
        ),
        (
            "  - year: 2020",
            "  - year: 2011",
            "content/briefings/neglect.md:25: national_findings[2].year: 2011 comes after 2012 "
            "in the list; list the national findings oldest first (by year), so move this one up",
        ),
        (
            "    source: fixture-2012-analysis",
            "    source: fixture-2012-analysys",
            "content/briefings/neglect.md:21: national_findings[1].source: no reference has the "
            "key 'fixture-2012-analysys' in content/references.yaml or content/publications.yaml; "
            "did you mean 'fixture-2012-analysis'?",
        ),
        (
            "updated: 2026-11-20",
            "related:\n  themes: [no-such-theme]\nupdated: 2026-11-20",
            "content/briefings/neglect.md:40: related.themes[0]: 'no-such-theme' does not "
            "exist; use a theme file name in content/themes/",
        ),
        (
            "updated: 2026-11-20",
            "related:\n  briefings: [domestic-abuses]\nupdated: 2026-11-20",
            "content/briefings/neglect.md:40: related.briefings[0]: 'domestic-abuses' does not "
            "exist; use another practice briefing's file name in content/briefings/; did you "
            "mean 'domestic-abuse'?",
        ),
        (
            "updated: 2026-11-20",
            "related:\n  briefings: [neglect]\nupdated: 2026-11-20",
            "content/briefings/neglect.md:40: related.briefings[0]: 'neglect' is this "
            "briefing; use another practice briefing's file name in content/briefings/",
        ),
        (
            "start_here: 1",
            "start_here: 2",
            "content/briefings/neglect.md:6: start_here: 2 is also the place of "
            "content/briefings/domestic-abuse.md (line 6); each briefing needs its own place in "
            "the 'start here' list, so renumber one",
        ),
    ],
)
def test_briefing_rules(briefed: Paths, old: str, new: str, message: str) -> None:
    edit(briefed.content / NEGLECT, old, new)
    assert problems(briefed) == [message]


def test_scaffolded_briefing_validates(mini: Paths) -> None:
    created = scaffold.new(mini, "briefing", "sharing-information", TODAY)
    assert created == mini.content / "briefings" / "sharing-information.md"
    site = pipeline.check(mini, TODAY).site
    assert [b.id for b in site.briefings] == ["sharing-information"]


SECTIONS = [
    "# Neglect",
    '<p class="admonition-title">In one minute</p>',
    "## Key issues",
    "## What national reviews found, 2002 to today",
    "## Learning for practice",
    "## Questions for supervision",
    "## The evidence behind this briefing",
    "3 national reports: 2 read at first hand, 1 through a published summary.",
    "## Download this briefing",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    from tests.conftest import make_project

    paths = add_briefings(
        make_project(tmp_path_factory.mktemp("briefed"), FIXTURES / "mini" / "content")
    )
    pipeline.generate(paths, TODAY)
    return paths


def test_briefing_page_sections_in_the_agreed_order(built: Paths) -> None:
    page = (built.docs / NEGLECT).read_text()
    positions = [page.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    notes = page.split("## What national reviews found, 2002 to today", 1)[1].split("##", 1)[0]
    assert "1. **2010.** The 2010 study summed up" in notes
    assert "([Sidebotham et al. 2010, Appendix 2](../references.md#dfe-rr037))" in notes
    assert "([Fixture analysis 2012, Summary page](../references.md#fixture-2012-analysis))" in (
        notes
    )
    assert (
        "([Fixture Panel 2020, Chapter 2](../references.md#fixture-2020-panel), "
        "as summarised by A national charity)" in notes
    )
    assert notes.index("**2010.**") < notes.index("**2012.**") < notes.index("**2020.**")
    evidence = page.split("## The evidence behind this briefing", 1)[1]
    assert "[A fixture national analysis](https://www.gov.uk/government/publications/fixture-" in (
        evidence
    )
    assert "no official address seen" in evidence  # the 2020 fixture publication has no url
    assert 'data-pagefind-weight="10"' in page.splitlines()[page.splitlines().index("---", 1) + 3]


def test_briefings_index_lists_start_here_order_then_title(built: Paths) -> None:
    index = (built.docs / "briefings" / "index.md").read_text()
    order = [
        "neglect",
        "domestic-abuse",
        "information-sharing",
        "men-fathers-and-male-carers",
        "adolescents-and-exploitation",
        "babies-and-non-accidental-injury",
        "disabled-children",
        "sudden-unexpected-death-in-infancy",
    ]
    positions = [index.index(f"]({slug}.md)") for slug in order]
    assert positions == sorted(positions)


def test_practitioner_pathway_starts_with_the_briefings(built: Paths) -> None:
    pathway = (built.docs / "audiences" / "practitioners.md").read_text()
    start = pathway.split("## Start here", 1)[1].split("##", 1)[0]
    listed = [line for line in start.splitlines() if line.startswith("1. ")]
    assert [line.split("](", 1)[1].split(")", 1)[0] for line in listed] == [
        "../briefings/neglect.md",
        "../briefings/domestic-abuse.md",
        "../briefings/information-sharing.md",
        "../briefings/men-fathers-and-male-carers.md",
        "../briefings/adolescents-and-exploitation.md",
    ]
    assert pathway.index("## Start here") < pathway.index("## What is here for you")
    # Pages about the site itself are not on any pathway.
    for audience in ("practitioners", "researchers"):
        assert "../about.md)**" not in (built.docs / "audiences" / f"{audience}.md").read_text()
    trainers = (built.docs / "audiences" / "trainers.md").read_text()
    assert "## Start here" not in trainers


def test_each_briefing_is_a_fact_sheet_of_at_most_two_pages(built: Paths) -> None:
    import io

    from docx import Document
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO((built.docs / "briefings" / "neglect.pdf").read_bytes()))
    assert len(pdf.pages) <= 2
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "PRACTICE BRIEFING" in text
    assert "Neglect" in text
    assert "In one minute" in text
    # Each action is a bulleted item, in the PDF as on the page.
    assert "Learning for practice • Ask the family about neglect at every visit." in text
    assert "Questions for supervision" in text
    assert "briefings/neglect" in text.replace(" ", "")  # the web version: the briefing's page
    word = Document(str(built.docs / "briefings" / "neglect.docx"))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Learning for practice" in paragraphs
    action = word.paragraphs[paragraphs.index("Ask the family about neglect at every visit.")]
    assert action.style is not None and action.style.name == "List Bullet"


def test_briefings_are_on_the_downloads_page(built: Paths) -> None:
    downloads = (built.docs / "downloads" / "index.md").read_text()
    rows = [r for r in downloads.splitlines() if "Practice briefing: <strong>Neglect</strong>" in r]
    assert len(rows) == 1  # once, not once per audience
    assert 'href="../briefings/neglect.pdf"' in rows[0]
    assert 'href="../briefings/neglect.docx"' in rows[0]


def briefing_warnings(paths: Paths) -> list[str]:
    checked = pipeline.check(paths, TODAY)
    return [str(w) for w in checked.warnings if "briefings/" in w.path]


def test_plain_english_warnings(briefed: Paths) -> None:
    assert briefing_warnings(briefed) == []  # the fixture reads easily
    edit(
        briefed.content / NEGLECT,
        'summary: "Neglect harms children of every age. Act on it early and do not let a case '
        'drift."',
        'summary: "Interagency safeguarding arrangements necessitate comprehensive '
        'multidisciplinary documentation of cumulative deprivation indicators."',
    )
    edit(
        briefed.content / NEGLECT,
        "updated: 2026-11-20\nreview_due: 2027-11-20\n---\n",
        "updated: 2026-11-20\nreview_due: 2027-11-20\n---\n" + "Word " * 900 + "\n",
    )
    (length, ease) = briefing_warnings(briefed)
    assert ease.startswith("content/briefings/neglect.md:3: summary: reads at ")
    assert ease.endswith(
        " on the Flesch reading ease scale, below 60; use shorter sentences and everyday words"
    )
    assert length.startswith("content/briefings/neglect.md:1: the main text (everything but ")
    assert "is 987 words, more than about 900" in length


def test_citations_in_a_briefing_body_are_checked_and_resolved(briefed: Paths) -> None:
    edit(
        briefed.content / NEGLECT,
        "review_due: 2027-11-20\n---\n",
        "review_due: 2027-11-20\n---\n\n**Fictional composite case study.** As a review "
        "noted [@fixture-2020-panel, chapter 2], and [@no-such-key].\n",
    )
    assert problems(briefed) == [
        "content/briefings/neglect.md:43: body: no reference has the key 'no-such-key' in "
        "content/references.yaml or content/publications.yaml"
    ]
    edit(briefed.content / NEGLECT, ", and [@no-such-key]", "")
    pipeline.generate(briefed, TODAY)
    page = (briefed.docs / NEGLECT).read_text()
    assert 'class="crl-noteref"' in page
    assert "Fixture Panel 2020, chapter 2" in page and "references/#fixture-2020-panel" in page


def test_a_publication_without_a_single_year_reads_nd_and_comes_last(
    with_publications: Paths,
) -> None:
    edit(with_publications.content / "publications.yaml", "year: 2011", "year: null")
    site = pipeline.check(with_publications, TODAY).site
    assert [p.key for p in site.publications] == [
        "brandon-2012-new-learning",
        "ofsted-2011-ages-of-concern",
    ]
    assert site.publications[1].as_printed == "Ofsted (n.d.). *Ages of concern*. Ofsted."


def test_a_misprinted_reference_keeps_its_entry_and_gives_the_real_title(generated: Paths) -> None:
    """The 2010 report prints SCIE's Learning Together report as "Working together ...
    (2009)": the entry is carried as printed, and every list of sources adds its real title."""
    page = (generated.docs / "references.md").read_text()
    entry = next(line for line in page.splitlines() if line.startswith("Fish, S."))
    assert "(2009). Working together to safeguard children" in entry
    assert "titled *Learning together to safeguard children" in entry and "(2008;" in entry
    sheet = (generated.docs / "factsheets" / "learning-within-the-review.pdf").read_bytes()
    assert "titled Learning together to safeguard children" in pdf_text(sheet)


def test_a_work_in_both_lists_points_from_each_entry_to_the_other(generated: Paths) -> None:
    """Brandon, Bailey and Belderson (2010) is in the study's own list, as printed, and among
    the publications since 2010, from the source pack: each entry links to the other, and no
    other entry claims a twin."""
    page = (generated.docs / "references.md").read_text(encoding="utf-8")
    linked = [line for line in page.splitlines() if "(also [" in line]
    assert len(linked) == 2
    printed, since = linked
    assert printed.startswith("Brandon, M., Bailey, S., & Belderson, P. (2010).")
    assert "(also [among the publications since 2010](#brandon-2010-biennial-2007-09)" in printed
    assert "DFE-RR040" in since and "(also [in the study's own list](#brandon-2010)" in since


def test_each_briefing_leads_on_to_related_briefings(generated: Paths) -> None:
    """A practitioner who finishes one practice briefing is offered the others on nearby
    topics first, before the themes about how reviews work."""
    site = pipeline.check(generated, TODAY).site
    titles = {b.id: b.title for b in site.briefings}
    for briefing in site.briefings:
        assert briefing.related.briefings, briefing.id
        page = (generated.docs / "briefings" / f"{briefing.id}.md").read_text(encoding="utf-8")
        related = page.split("## Related practice briefings", 1)[1].split("##", 1)[0]
        for other in briefing.related.briefings:
            assert f"- [{titles[other]}]({other}.md)" in related
        assert page.index("## Related practice briefings") < page.index("## Related themes")
