"""Records -> one frozen Site, or every problem: field checks (pydantic), then cross-checks."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from builder.load import Loaded, Record, markup
from builder.models import (
    AUDIENCE_IDS,
    AcknowledgedDifference,
    Allowlist,
    Analysis,
    Audience,
    Briefing,
    ContentModel,
    Delphi,
    DelphiResponse,
    DelphiSection,
    DelphiStudy,
    Factsheet,
    FindingsChapter,
    Implication,
    Newsletter,
    Page,
    Publication,
    PublishedRow,
    RecommendationType,
    Reference,
    RegisterRecord,
    Series,
    Site,
    Source,
    Term,
    ThematicTopics,
    Theme,
    TrainingPack,
)
from builder.models.addresses import (
    GENERATED,
    addresses,
    analysis_path,
    briefing_path,
    newsletter_path,
    page_path,
    theme_path,
)
from builder.problems import Problem, Severity, did_you_mean
from builder.validate.briefings import check_briefings
from builder.validate.delphi import check_delphi
from builder.validate.explain import explain, field_name
from builder.validate.links import ANY, check_links, generated_files
from builder.validate.safety import check_safety

MODELS: dict[str, type[ContentModel]] = {
    "audience": Audience,
    "term": Term,
    "report": Reference,
    "reference": Reference,
    "publication": Publication,
    "briefing": Briefing,
    "page": Page,
    "theme": Theme,
    "findings": FindingsChapter,
    "analysis": Analysis,
    "series": Series,
    "implication": Implication,
    "recommendation_type": RecommendationType,
    "thematic_topics": ThematicTopics,
    "register": RegisterRecord,
    "factsheet": Factsheet,
    "training": TrainingPack,
    "allowlist": Allowlist,
    "newsletter": Newsletter,
    "delphi_overview": Page,
    "delphi_study": DelphiStudy,
    "delphi_section": DelphiSection,
    "delphi_response": DelphiResponse,
    "delphi_published": PublishedRow,
    "delphi_acknowledged": AcknowledgedDifference,
}


def validate(loaded: Loaded, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """The Site when there are no errors (warnings allowed), and every problem found."""
    problems = list(loaded.problems)
    items: dict[str, list[Any]] = defaultdict(list)
    broken = set(loaded.unreadable)  # kinds with an item that could not be read or validated
    for record in loaded.records:
        model, found = _validate_record(record)
        problems.extend(found)
        if model is not None:
            items[record.kind].append(model)
        else:
            broken.add(record.kind)
    problems.extend(_duplicates(items))
    allowed = {name for a in items["allowlist"] for name in a.names}
    problems.extend(check_safety(loaded, allowed))
    problems.extend(_audiences_complete(items["audience"], loaded))
    if len(items["report"]) != 1:
        return None, problems
    site = Site(
        audiences=tuple(sorted(items["audience"], key=lambda a: AUDIENCE_IDS.index(a.id))),
        pages=tuple(sorted(items["page"], key=lambda p: p.id)),
        terms=tuple(sorted(items["term"], key=lambda t: t.key)),
        report=items["report"][0],
        references=tuple(items["reference"]),
        delphi=_delphi(items),
        themes=tuple(sorted(items["theme"], key=lambda t: t.id)),
        findings=tuple(sorted(items["findings"], key=lambda f: FINDING_ORDER.index(f.section))),
        analyses=tuple(sorted(items["analysis"], key=lambda a: (a.year, a.id))),
        implications=tuple(sorted(items["implication"], key=lambda i: i.number)),
        recommendation_types=tuple(items["recommendation_type"]),
        thematic_topics=items["thematic_topics"][0] if items["thematic_topics"] else None,
        register=tuple(sorted(items["register"], key=lambda r: (r.year, r.id))),
        factsheets=tuple(sorted(items["factsheet"], key=lambda f: f.id)),
        training=tuple(sorted(items["training"], key=lambda t: t.id)),
        newsletters=tuple(sorted(items["newsletter"], key=lambda n: (n.date, n.id))),
        publications=tuple(
            sorted(items["publication"], key=lambda p: (p.year is None, p.year or 0, p.key))
        ),
        series=tuple(sorted(items["series"], key=lambda s: s.id)),
        briefings=tuple(
            sorted(
                items["briefing"],
                key=lambda b: (b.start_here is None, b.start_here or 0, b.title, b.id),
            )
        ),
    )
    problems.extend(_references(site, loaded))
    delphi_whole = not broken & DELPHI_KINDS
    problems.extend(_id_links(site, loaded, delphi_whole))
    problems.extend(_reserved_addresses(site))
    problems.extend(_materials_for_steps(site))
    problems.extend(_review_dates(site, today or dt.date.today()))
    # One error per root cause: an item that failed is not reported again where others name it,
    # and the Delphi files are cross-checked only when every one of them was read.
    existing = _existing(loaded)
    problems.extend(check_links(site, existing, delphi_whole))
    problems.extend(check_briefings(site, _citable(site, loaded), existing, delphi_whole))
    if site.delphi is not None and delphi_whole:
        problems.extend(check_delphi(site.delphi))
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    return site, problems


DELPHI_KINDS = {
    "delphi_overview",
    "delphi_study",
    "delphi_section",
    "delphi_response",
    "delphi_published",
    "delphi_acknowledged",
}


def _existing(loaded: Loaded) -> dict[str, set[str]]:
    """The id (or key) of every item whose file exists, valid or not, by kind."""
    found = {kind: set(ids) for kind, ids in loaded.unreadable.items()}
    for record in loaded.records:
        if isinstance(record.data, dict):
            for key in ("id", "key"):
                if key in record.data:
                    found.setdefault(record.kind, set()).add(str(record.data[key]))
    return found


def _validate_record(record: Record) -> tuple[ContentModel | None, list[Problem]]:
    model_cls = MODELS[record.kind]
    if not isinstance(record.data, dict):
        return None, [
            Problem(
                record.path, record.line, "", "should be a set of fields (name: value), one a line"
            )
        ]
    try:
        model = model_cls.model_validate(record.data)
    except ValidationError as exc:
        return None, [
            Problem(
                record.path,
                record.lines.line_for(tuple(e["loc"])),
                field_name(tuple(e["loc"])),
                explain(e, model_cls),
            )
            for e in _root_causes(exc.errors())
        ]
    return model.with_origin(
        Source(record.path, record.line, record.body_line, record.lines.lines)
    ), []


def _root_causes(errors: list[Any]) -> list[Any]:
    """A misspelt field is one mistake, not two: 'summry' is reported as not a field (with its
    'did you mean'), and 'summary' is not reported again as missing."""
    missing = {tuple(e["loc"]): e for e in errors if e["type"] == "missing"}
    for e in errors:
        if e["type"] == "extra_forbidden" and isinstance(e["loc"][-1], str):
            parent = tuple(e["loc"][:-1])
            names = [str(loc[-1]) for loc in missing if loc[:-1] == parent]
            for name in difflib.get_close_matches(e["loc"][-1], names, n=1, cutoff=0.75):
                missing.pop((*parent, name), None)
    kept = {id(e) for e in missing.values()}
    return [e for e in errors if e["type"] != "missing" or id(e) in kept]


def _problem(
    item: ContentModel,
    field: str,
    message: str,
    severity: Severity = Severity.ERROR,
    line: int | None = None,
    loc: tuple[str | int, ...] = (),
) -> Problem:
    where = line or item.origin.line_of(*(loc or (field,)))
    return Problem(item.origin.path, where, field, message, severity)


# Which field identifies each kind of item, for the duplicate check.
IDENTITY: dict[str, Callable[[Any], Any]] = {
    "audience": lambda a: a.id,
    "term": lambda t: t.key,
    "page": lambda p: p.id,
    "delphi_section": lambda s: s.id,
    "theme": lambda t: t.id,
    "analysis": lambda a: a.id,
    "series": lambda s: s.id,
    "findings": lambda f: f.section,
    "implication": lambda i: i.number,
    "recommendation_type": lambda t: t.id,
    "register": lambda r: r.id,
    "factsheet": lambda f: f.id,
    "training": lambda t: t.id,
    "newsletter": lambda n: n.id,
    "briefing": lambda b: b.id,
    "delphi_response": lambda r: (r.section, r.number, r.round),
    "delphi_published": lambda r: (r.section, r.number),
    "delphi_acknowledged": lambda a: a.key,
}


def _duplicates(items: dict[str, list[Any]]) -> Iterator[Problem]:
    keyed = dict(IDENTITY, reference=lambda r: r.key, publication=lambda p: p.short)
    groups = dict(items)
    groups["reference"] = items["report"] + items["reference"] + items["publication"]
    for kind, identify in keyed.items():
        seen: dict[Any, ContentModel] = {}
        for item in groups.get(kind, []):
            key = identify(item)
            if key in seen:
                first = seen[key].origin
                name = {
                    "term": "abbr",
                    "reference": "key",
                    "publication": "short",
                    "implication": "number",
                    "findings": "section",
                }.get(kind, "id")
                yield _problem(
                    item,
                    name,
                    f"'{_show(key)}' is used twice (also at {first}); "
                    "each must be unique, so rename or remove one",
                )
            else:
                seen[key] = item


def _show(key: Any) -> str:
    return "/".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def _audiences_complete(audiences: list[Audience], loaded: Loaded) -> Iterator[Problem]:
    records = loaded.of("audience")
    if not records:
        return
    missing = set(AUDIENCE_IDS) - {a.id for a in audiences}
    invalid = len(audiences) < len(records)
    if missing and not invalid:
        yield Problem(
            records[0].path,
            1,
            "audiences",
            f"every audience needs an entry; add {', '.join(sorted(missing))}",
        )


def _citable(site: Site, loaded: Loaded) -> set[str]:
    """Every key a citation may name. Keys of entries that failed validation still count: their
    own errors say what is wrong. When a reference list could not be read at all, any key does."""
    if {"reference", "report", "publication"} & set(loaded.unreadable):
        return ANY
    return (
        {r.key for r in site.citable}
        | _raw(loaded, "reference", "key")
        | _raw(loaded, "publication", "key")
        | _raw(loaded, "report", "key")
    )


def _references(site: Site, loaded: Loaded) -> Iterator[Problem]:
    keys = _citable(site, loaded)
    for page in _all_pages(site):
        for index, key in enumerate(page.sources):
            if key not in keys:
                yield _problem(
                    page, f"sources[{index}]", _unknown_key(key, keys), loc=("sources", index)
                )
    yield from _body_markers(loaded, "citation", keys, _unknown_key)


def _raw(loaded: Loaded, kind: str, key: str) -> set[str]:
    return {str(r.data[key]) for r in loaded.of(kind) if isinstance(r.data, dict) and key in r.data}


def _unknown_key(key: str, keys: Iterable[str]) -> str:
    return (
        f"no reference has the key '{key}' in content/references.yaml or "
        "content/publications.yaml"
        f"{did_you_mean(key, sorted(keys))}"
    )


def _id_links(site: Site, loaded: Loaded, delphi_whole: bool) -> Iterator[Problem]:
    known = set(addresses(site)) | set(loaded.page_ids)
    known |= {item for ids in _existing(loaded).values() for item in ids}
    if not delphi_whole:  # the Delphi pages' ids cannot be known; their files' errors say why
        known = _Prefixed(known, "delphi-")
    yield from _body_markers(
        loaded,
        "link",
        known,
        lambda value, ids: (
            f"links to id '{value}', which does not exist (an id is a page's file name "
            f"without .md){did_you_mean(value, ids)}"
        ),
    )


class _Prefixed(set[str]):
    """A set of ids that also holds every id with a given prefix."""

    def __init__(self, ids: set[str], prefix: str):
        super().__init__(ids)
        self.prefix = prefix

    def __contains__(self, item: object) -> bool:
        return (isinstance(item, str) and item.startswith(self.prefix)) or super().__contains__(
            item
        )


def _body_markers(
    loaded: Loaded, kind: str, known: Iterable[str], message: Callable[[str, Iterable[str]], str]
) -> Iterator[Problem]:
    """Markers are checked in every page that parsed, valid front matter or not, so one
    run reports everything."""
    known = known if isinstance(known, set) else set(known)
    choices = sorted(known)
    marked = ("page", "delphi_overview", "theme", "newsletter", "briefing")
    for record in (r for r in loaded.records if r.kind in marked):
        for marker in markup.markers(record.body or ""):
            if marker.kind == kind and marker.value not in known:
                yield Problem(
                    record.path,
                    record.body_line + marker.line,
                    "body",
                    message(marker.value, choices),
                )


def _all_pages(site: Site) -> tuple[Page, ...]:
    return site.pages + ((site.delphi.overview,) if site.delphi else ())


FINDING_ORDER = ("local-learning", "national-analysis", "learning-nationally")


# Folders of the built site that are not pages of their own: a page there would collide with
# them (site/search/, site/assets/, ...). Plus the first folder of every generated page.
SITE_FOLDERS = frozenset(
    {"search", "pagefind", "assets", "data", "feeds", "javascripts", "stylesheets", "sitemap"}
    | {"404", "images", "charts"}
    | {path.split("/")[0].removesuffix(".md") for path in GENERATED.values()}
)


# Link ids of the generated kinds: a page taking one would hide a generated page's link.
RESERVED_PREFIXES = (
    "audience-",
    "delphi-",
    "tag-",
    "theme-",
    "analysis-",
    "factsheet-",
    "training-",
    "newsletter-",
    "findings-",
)


def _url(path: str) -> str:
    """The address MkDocs publishes a docs-tree file at (x.md and x/index.md are both x/)."""
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else "/"


def _materials_for_steps(site: Site) -> Iterator[Problem]:
    """Each training material names a step of its pack's session plan, as written there."""
    for pack in site.training:
        activities = [step.activity for step in pack.session_plan]
        for index, material in enumerate(pack.materials):
            if material.step not in activities:
                yield Problem(
                    pack.origin.path,
                    pack.origin.line_of("materials", index, "step"),
                    f"materials[{index}].step",
                    f"'{material.step}' is not an activity of session_plan; copy the name of "
                    "the step this is for exactly: " + "; ".join(f"'{a}'" for a in activities),
                )


def _reserved_addresses(site: Site) -> Iterator[Problem]:
    """Every address the builder generates is reserved for it, whatever kind of content would
    take it: two files at one address would end the build in MkDocs, far from the cause."""
    generated = {_url(path): path for path in generated_files()}
    items: list[tuple[ContentModel, str, str]] = [
        (page, page.id, page_path(page.id)) for page in site.pages
    ]
    items += [(theme, theme.id, theme_path(theme.id)) for theme in site.themes]
    items += [(a, a.id, analysis_path(a.id)) for a in site.analyses]
    items += [(sheet, sheet.id, f"factsheets/{sheet.id}.md") for sheet in site.factsheets]
    items += [(pack, pack.id, f"training/{pack.id}.md") for pack in site.training]
    items += [(issue, issue.id, newsletter_path(issue.id)) for issue in site.newsletters]
    items += [(b, b.id, briefing_path(b.id)) for b in site.briefings]
    for item, ident, path in items:
        url = _url(path)
        if url in generated:
            yield _problem(
                item,
                "",
                f"id: the file name '{ident}' gives the address {url}, which is reserved for "
                f"a page the builder generates ({generated[url]}); rename the file",
                line=1,
            )
    for page in site.pages:
        reserved = (
            page.id in GENERATED or page.id in SITE_FOLDERS or page.id.startswith(RESERVED_PREFIXES)
        )
        if reserved and _url(page_path(page.id)) not in generated:
            yield _problem(
                page,
                "",
                f"id: the file name '{page.id}' is reserved for a page the "
                "builder generates; rename the file",
                line=1,
            )


def _review_dates(site: Site, today: dt.date) -> Iterator[Problem]:
    for page in _all_pages(site):
        if page.review_due < today:
            yield _problem(
                page,
                "review_due",
                f"review was due on {page.review_due}; check the page is still right, "
                "then move updated and review_due on",
                Severity.WARNING,
            )


def _delphi(items: dict[str, list[Any]]) -> Delphi | None:
    if not all(items[k] for k in ("delphi_overview", "delphi_study", "delphi_section")):
        return None
    order = {"local": 0, "national_analysis": 1, "learning_nationally": 2}
    return Delphi(
        overview=items["delphi_overview"][0],
        study=items["delphi_study"][0],
        sections=tuple(sorted(items["delphi_section"], key=lambda s: order[s.id])),
        responses=tuple(
            sorted(items["delphi_response"], key=lambda r: (order[r.section], r.number, r.round))
        ),
        published=tuple(
            sorted(items["delphi_published"], key=lambda r: (order[r.section], r.number))
        ),
        acknowledged=tuple(items["delphi_acknowledged"]),
    )
