"""Records -> one frozen Site, or every problem: field checks (pydantic), then cross-checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from builder.load import Loaded, Record, markup
from builder.models import (
    AUDIENCE_IDS,
    Allowlist,
    Analysis,
    Audience,
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
    PublishedRow,
    RecommendationType,
    Reference,
    RegisterRecord,
    Site,
    Source,
    Term,
    ThematicTopics,
    Theme,
    TrainingPack,
)
from builder.models.addresses import GENERATED, addresses
from builder.problems import Problem, Severity, did_you_mean
from builder.validate.delphi import check_delphi
from builder.validate.explain import explain, field_name
from builder.validate.links import check_links
from builder.validate.safety import check_safety

MODELS: dict[str, type[ContentModel]] = {
    "audience": Audience,
    "term": Term,
    "report": Reference,
    "reference": Reference,
    "page": Page,
    "theme": Theme,
    "findings": FindingsChapter,
    "analysis": Analysis,
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
}


def validate(loaded: Loaded, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """The Site when there are no errors (warnings allowed), and every problem found."""
    problems = list(loaded.problems)
    items: dict[str, list[Any]] = defaultdict(list)
    for record in loaded.records:
        model, found = _validate_record(record)
        problems.extend(found)
        if model is not None:
            items[record.kind].append(model)
    problems.extend(_duplicates(items))
    allowed = {name for a in items["allowlist"] for name in a.names}
    problems.extend(check_safety(loaded, allowed))
    problems.extend(_audiences_complete(items["audience"], loaded))
    if len(items["report"]) != 1:
        return None, problems
    site = Site(
        audiences=tuple(sorted(items["audience"], key=lambda a: AUDIENCE_IDS.index(a.id))),
        pages=tuple(sorted(items["page"], key=lambda p: p.id)),
        terms=tuple(sorted(items["term"], key=lambda t: t.abbr.lower())),
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
    )
    problems.extend(_references(site, loaded))
    problems.extend(_id_links(site, loaded))
    problems.extend(_reserved_ids(site))
    problems.extend(_review_dates(site, today or dt.date.today()))
    problems.extend(check_links(site))
    if site.delphi is not None:
        problems.extend(check_delphi(site.delphi))
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    return site, problems


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
            for e in exc.errors()
        ]
    return model.with_origin(
        Source(record.path, record.line, record.body_line, record.lines.lines)
    ), []


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
    "term": lambda t: t.abbr.lower(),
    "page": lambda p: p.id,
    "delphi_section": lambda s: s.id,
    "theme": lambda t: t.id,
    "analysis": lambda a: a.id,
    "findings": lambda f: f.section,
    "implication": lambda i: i.number,
    "recommendation_type": lambda t: t.id,
    "register": lambda r: r.id,
    "factsheet": lambda f: f.id,
    "training": lambda t: t.id,
    "newsletter": lambda n: n.id,
    "delphi_response": lambda r: (r.section, r.number, r.round),
    "delphi_published": lambda r: (r.section, r.number),
}


def _duplicates(items: dict[str, list[Any]]) -> Iterator[Problem]:
    keyed = dict(IDENTITY, reference=lambda r: r.key)
    groups = dict(items)
    groups["reference"] = items["report"] + items["reference"]
    for kind, identify in keyed.items():
        seen: dict[Any, ContentModel] = {}
        for item in groups.get(kind, []):
            key = identify(item)
            if key in seen:
                first = seen[key].origin
                name = {
                    "term": "abbr",
                    "reference": "key",
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


def _references(site: Site, loaded: Loaded) -> Iterator[Problem]:
    # Keys of entries that failed validation still count: their own errors say what is wrong.
    keys = (
        {r.key for r in (site.report, *site.references)}
        | _raw(loaded, "reference", "key")
        | _raw(loaded, "report", "key")
    )
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
        f"no reference has the key '{key}' in content/references.yaml"
        f"{did_you_mean(key, sorted(keys))}"
    )


def _id_links(site: Site, loaded: Loaded) -> Iterator[Problem]:
    known = set(addresses(site)) | _raw(loaded, "page", "id") | set(loaded.page_ids)
    yield from _body_markers(
        loaded,
        "link",
        known,
        lambda value, ids: (
            f"links to id '{value}', which does not exist (an id is a page's file name "
            f"without .md){did_you_mean(value, ids)}"
        ),
    )


def _body_markers(
    loaded: Loaded, kind: str, known: Iterable[str], message: Callable[[str, Iterable[str]], str]
) -> Iterator[Problem]:
    """Markers are checked in every page that parsed, valid front matter or not, so one
    run reports everything."""
    known = set(known)
    choices = sorted(known)
    marked = ("page", "delphi_overview", "theme", "newsletter")
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


def _reserved_ids(site: Site) -> Iterator[Problem]:
    for page in site.pages:
        if (
            page.id in GENERATED
            or page.id in SITE_FOLDERS
            or page.id.startswith(("audience-", "delphi-", "tag-"))
        ):
            yield _problem(
                page,
                "",
                f"id: the file name '{page.id}' is reserved for a page the "
                "builder generates; rename the file",
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
    )
