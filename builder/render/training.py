"""Training packs: a slide deck with speaker notes, a participant handout, and a ZIP bundle
with the fact sheet and a README, from the same content as the web page."""

from __future__ import annotations

from builder.formats import docx, pptx
from builder.formats.cache import Job
from builder.formats.zipfile_stable import stable_zip
from builder.models import TrainingPack
from builder.models.addresses import GENERATED, briefing_path, statement_ref_path, theme_path
from builder.render.context import Context, long_date
from builder.render.factsheets import factsheet_path, paragraphs, plain
from builder.render.output import Output
from builder.render.paging import render_pages

CASE_STUDY_LABEL = "Fictional composite case study"


def pack_path(slug: str, name: str = "") -> str:
    return f"training/{slug}{name}"


def _evidence(ctx: Context, pack: TrainingPack) -> list[str]:
    results = ctx.derived.delphi
    lines = []
    for ref in pack.delphi:
        s = results.by_ref(ref) if results else None
        if s is not None:
            r2 = s.round2
            verdict = {
                "agree": "consensus to agree",
                "disagree": "consensus to disagree",
                "none": "no consensus",
            }[r2.consensus]
            lines.append(
                f"{s.section.title} {s.number}: \u201c{r2.statement}\u201d "
                f"{r2.pct_agree}% agreed, {r2.pct_disagree}% disagreed ({verdict}, "
                f"round 2)"
            )
    return lines


def make_pptx(ctx: Context, pack: TrainingPack) -> bytes:
    sheet = next(f for f in ctx.site.factsheets if f.id == pack.factsheet)
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    slides = [
        pptx.Slide("Learning outcomes", bullets=list(pack.learning_outcomes), notes=pack.summary),
        pptx.Slide(
            "Session plan",
            bullets=[f"{s.minutes} min: {s.activity}" for s in pack.session_plan],
            notes="\n".join(
                f"{s.activity} ({s.minutes} min): {s.notes}" for s in pack.session_plan if s.notes
            ),
        ),
    ]
    words = pack.case_study.text.split()
    chunks = [" ".join(words[i : i + 130]) for i in range(0, len(words), 130)]
    for index, chunk in enumerate(chunks, 1):
        part = f" ({index} of {len(chunks)})" if len(chunks) > 1 else ""
        slides.append(
            pptx.Slide(
                f"{CASE_STUDY_LABEL}{part}",
                text=chunk,
                notes=f"{pack.case_study.title}. This case is a fictional "
                "composite: it describes no real child, family or "
                "practitioner.",
            )
        )
    evidence = _evidence(ctx, pack)
    if evidence:
        slides.append(
            pptx.Slide(
                "What the Delphi panel said",
                bullets=evidence,
                notes="Figures from DFE-RR037, Appendix 3 (round 2).",
            )
        )
    if figure is not None:
        slides.append(
            pptx.Slide(
                figure.title,
                image=figure.png,
                image_alt=sheet.chart_alt or figure.description,
                notes=sheet.chart_alt or figure.description,
            )
        )
    for number, item in enumerate(pack.discussion, 1):
        slides.append(
            pptx.Slide(f"Discussion {number}", text=item.question, notes=item.facilitator_notes)
        )
    slides.append(
        pptx.Slide(
            "Key messages",
            bullets=list(sheet.key_messages),
            notes="From the fact sheet handed out with this session.",
        )
    )
    slides.append(
        pptx.Slide(
            "Sources",
            bullets=[plain(ctx.reference(k).as_printed) for k in pack.sources]
            + [ctx.config.page_url(pack_path(pack.id, ".md"))],
        )
    )
    deck = pptx.Deck(
        pack.title,
        f"{pack.summary}\n{ctx.config.name} · {long_date(pack.updated)}",
        slides,
        ctx.config.name,
        pack.updated,
    )
    return ctx.cache.get(Job("training-pptx", pptx.build_pptx, (deck,)))


def make_handout(ctx: Context, pack: TrainingPack) -> bytes:
    sheet = next(f for f in ctx.site.factsheets if f.id == pack.factsheet)
    sections = [
        docx.Part("What you will learn", bullets=list(pack.learning_outcomes)),
        docx.Part(
            f"{CASE_STUDY_LABEL}: {pack.case_study.title}",
            paragraphs=[
                "This case is a fictional composite. It describes no real "
                "child, family or practitioner.",
                *paragraphs(pack.case_study.text),
            ],
        ),
        docx.Part("Questions to discuss", numbered=[d.question for d in pack.discussion]),
        docx.Part("Key messages", bullets=list(sheet.key_messages)),
    ]
    evidence = _evidence(ctx, pack)
    if evidence:
        sections.append(docx.Part("What the Delphi panel said", bullets=evidence))
    sections.append(
        docx.Part("Sources", bullets=[plain(ctx.reference(k).as_printed) for k in pack.sources])
    )
    document = docx.WordDocument(
        title=pack.title,
        subtitle=pack.summary,
        sections=sections,
        footer=f"{pack.title} · {long_date(pack.updated)} · {ctx.config.name}",
        date=pack.updated,
        author=ctx.config.name,
        kicker="Training handout",
    )
    return ctx.cache.get(Job("training-docx", docx.build_docx, (document,)))


def make_bundle(
    ctx: Context, pack: TrainingPack, slides: bytes, handout: bytes, factsheet_pdf: bytes
) -> bytes:
    page_url = ctx.config.page_url(pack_path(pack.id, ".md"))
    readme = "\n".join(
        [
            pack.title,
            "=" * len(pack.title),
            "",
            pack.summary,
            "",
            "Contents:",
            f"  slides.pptx     slide deck; facilitator notes are in the speaker notes "
            f"({pack.duration_minutes} minutes)",
            "  handout.docx    participant handout (editable)",
            "  factsheet.pdf   the fact sheet for this theme",
            "  README.txt      this file",
            "",
            "The case study is a fictional composite: it describes no real child, family or "
            "practitioner.",
            "",
            f"Licence: {ctx.config.licence}",
            f"Cite as: {plain(ctx.cite_line(pack.title, pack.updated, page_url))}",
            "",
        ]
    )
    folder = pack.id
    return stable_zip(
        [
            (f"{folder}/README.txt", readme.encode()),
            (f"{folder}/slides.pptx", slides),
            (f"{folder}/handout.docx", handout),
            (f"{folder}/factsheet.pdf", factsheet_pdf),
        ]
    )


def documents(ctx: Context, factsheet_files: dict[str, bytes]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for pack in ctx.site.training:
        slides = make_pptx(ctx, pack)
        handout = make_handout(ctx, pack)
        files[pack_path(pack.id, ".pptx")] = slides
        files[pack_path(pack.id, "-handout.docx")] = handout
        files[pack_path(pack.id, ".zip")] = make_bundle(
            ctx, pack, slides, handout, factsheet_files[factsheet_path(pack.factsheet, "pdf")]
        )
    return files


def render(ctx: Context) -> list[Output]:
    if not ctx.site.training:
        return []
    out: list[Output] = []
    themes = {t.id: t for t in ctx.site.themes}
    sheets = {f.id: f for f in ctx.site.factsheets}
    for pack in ctx.site.training:
        path = pack_path(pack.id, ".md")
        results = ctx.derived.delphi
        out.append(
            ctx.page(
                path,
                "training_pack.md.j2",
                pack.origin.path,
                {
                    "title": pack.title,
                    "description": pack.summary,
                    "tags": ["training"],
                    "edit_url": ctx.config.edit_url(pack.origin.path),
                },
                pack=pack,
                label=CASE_STUDY_LABEL,
                theme=(themes[pack.theme], theme_path(pack.theme)),
                factsheet=(sheets[pack.factsheet], factsheet_path(pack.factsheet)),
                statements=[
                    (ref, statement_ref_path(ref), results.by_ref(ref) if results else None)
                    for ref in pack.delphi
                ],
                downloads=ctx.download_links(
                    path,
                    [
                        pack_path(pack.id, ".zip"),
                        pack_path(pack.id, ".pptx"),
                        pack_path(pack.id, "-handout.docx"),
                        factsheet_path(pack.factsheet, "pdf"),
                    ],
                ),
                sources=[ctx.reference(k) for k in pack.sources],
                updated=pack.updated,
            )
        )
    out += render_pages(
        ctx,
        GENERATED["training"],
        "training.md.j2",
        "content/training/",
        {
            "title": "Training",
            "description": "Training packs for local trainers to adapt.",
            "tags": ["training"],
        },
        [
            (
                p,
                pack_path(p.id, ".md"),
                ctx.download_links(GENERATED["training"], [pack_path(p.id, ".zip")]),
            )
            for p in ctx.site.training
        ],
        noun="training packs",
        briefings=[
            (
                b,
                briefing_path(b.id),
                ctx.download_links(
                    GENERATED["training"], [briefing_path(b.id, "pdf"), briefing_path(b.id, "docx")]
                ),
            )
            for b in ctx.site.briefings
        ],
    )
    return out
