"""Training packs: a slide deck with speaker notes, a participant handout, and a ZIP bundle
with the fact sheet and a README, from the same content as the web page."""

from __future__ import annotations

import re

from builder.formats import docx, pptx
from builder.formats.cache import Job
from builder.formats.zipfile_stable import stable_zip
from builder.models import TrainingPack
from builder.models.addresses import (
    GENERATED,
    TITLES,
    briefing_path,
    statement_ref_path,
    theme_path,
)
from builder.render.context import Context, long_date
from builder.render.factsheets import (
    factsheet_path,
    notes_for,
    notes_paragraph,
    paragraphs,
    plain,
)
from builder.render.output import Output
from builder.render.paging import render_pages
from builder.render.wording import of_panel

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
                f"{s.section.title} {s.number}: \u201c{r2.statement}\u201d In round 2, "
                f"{of_panel(r2.pct_agree, r2.respondents)} agreed and {r2.pct_disagree}% "
                f"disagreed ({verdict})."
            )
    return lines


OUTCOME_LEAD = "By the end, participants will be able to"
SLIDE_TEXT = 520  # characters on one slide at 24 pt, with room to spare
CASE_TEXT = 470  # the case-study text box is narrower (the label sits beside it)


def outcome(text: str) -> str:
    """A learning outcome without the shared lead-in, which goes once in the heading:
    "By the end, participants will be able to describe..." -> "Describe..."."""
    rest = text.removeprefix(OUTCOME_LEAD).strip()
    return rest[:1].upper() + rest[1:] if rest != text.strip() else text


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", text.strip()) if s]


def slide_chunks(blocks: list[str], limit: int) -> list[list[str]]:
    """Blocks (paragraphs or bullets) grouped into slides of at most `limit` characters,
    never splitting a sentence: a block too long for one slide is cut between sentences."""
    pieces: list[str] = []
    for block in blocks:
        if len(block) <= limit:
            pieces.append(block)
            continue
        current = ""
        for sentence in sentences(block):
            if current and len(current) + 1 + len(sentence) > limit:
                pieces.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        pieces.append(current)
    # A lead-in ("Among them:") stays on the slide with what it introduces.
    joined: list[str] = []
    for piece in pieces:
        if joined and joined[-1].endswith(":"):
            joined[-1] = f"{joined[-1]}\n{piece}"
        else:
            joined.append(piece)
    slides: list[list[str]] = []
    for piece in joined:
        if slides and sum(len(x) for x in slides[-1]) + len(piece) <= limit:
            slides[-1].append(piece)
        else:
            slides.append([piece])
    return slides


def case_blocks(text: str) -> list[str]:
    """The case study's paragraphs; a Markdown list stays one block, an item a line."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append("\n".join(f"\u2022 {line[2:]}" for line in lines))
        else:
            blocks.append(" ".join(lines))
    return blocks


def numbered(title: str, index: int, count: int) -> str:
    return f"{title} ({index} of {count})" if count > 1 else title


def _statement_slides(ctx: Context, pack: TrainingPack) -> list[pptx.Slide]:
    """One quote slide per Delphi statement: the statement as the panel saw it, the figures in
    words, and why two agreement figures differ where they do."""
    results = ctx.derived.delphi
    slides = []
    for ref in pack.delphi:
        s = results.by_ref(ref) if results else None
        if s is None:
            continue
        r2 = s.round2
        verdict = {
            "agree": "This reached consensus.",
            "disagree": "This reached consensus to disagree.",
            "none": "This did not reach consensus.",
        }[r2.consensus]
        attribution = (
            f"{s.section.title}, statement {s.number}. In round 2, "
            f"{of_panel(r2.pct_agree, r2.respondents)} agreed and "
            f"{r2.pct_disagree}% disagreed. {verdict}"
        )
        notes = (
            f"{s.section.title}, statement {s.number}. Figures from "
            f"{s.section.table} and Appendix 3 of DFE-RR037 (Sidebotham et al. 2010), round 2. "
            f"{r2.pct_agree}% agreed to some degree (mildly, agree or strongly); "
            f"{r2.strong_agree}% chose agree or strongly agree. Consensus needed at least 75% "
            "choosing agree or strongly agree, or at least 95% agreeing to any degree, which is "
            "why some pages quote the smaller figure. Ask the group whether they agree with "
            "the panel, and why."
        )
        slides.append(
            pptx.Slide(
                "What the panel said",
                text=r2.statement,
                attribution=attribution,
                notes=notes,
                kind="quote",
            )
        )
    return slides


def make_pptx(ctx: Context, pack: TrainingPack) -> bytes:
    sheet = next(f for f in ctx.site.factsheets if f.id == pack.factsheet)
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    slides = [
        pptx.Slide(
            f"{OUTCOME_LEAD}:",
            bullets=[outcome(o) for o in pack.learning_outcomes],
            notes="Read the outcomes out and say how the session will get there. " + pack.summary,
        ),
        pptx.Slide(
            "Session plan",
            bullets=[f"{s.minutes} min: {s.activity}" for s in pack.session_plan],
            notes="\n".join(
                f"{s.activity} ({s.minutes} min): {s.notes}" for s in pack.session_plan if s.notes
            ),
        ),
    ]
    # The session plans take the evidence in brief before the case study: so does the deck.
    statements = _statement_slides(ctx, pack)
    if statements:
        slides.append(
            pptx.Slide(
                "The evidence in brief",
                text=f"{len(statements)} statements from the study's expert panel",
                notes="The panel was 55 experts who answered round 2 of the Delphi study in "
                "2010. The next slides show one statement each.",
                kind="section",
            )
        )
        slides += statements
    if figure is not None:
        slides.append(
            pptx.Slide(
                figure.title,
                image=figure.png(),
                image_alt=sheet.chart_alt or figure.description,
                notes=sheet.chart_alt or figure.description,
                kind="picture",
            )
        )
    for index, group in enumerate(groups := slide_chunks(list(sheet.key_messages), SLIDE_TEXT), 1):
        notes = notes_for(ctx, sheet)
        slides.append(
            pptx.Slide(
                numbered("Key messages", index, len(groups)),
                bullets=[notes.bare(m) for m in group],
                notes=f"From the fact sheet handed out with this session (part {index} of "
                f"{len(groups)} of its key messages). Where the figures come from: "
                + " ".join(notes.listed()),
            )
        )
    slides.append(
        pptx.Slide(
            "Case study",
            text=pack.case_study.title,
            notes="Introduce the case study. It is a fictional composite built from patterns "
            "in the evidence: it describes no real child, family or practitioner. Ask people "
            "not to match it to a real case.",
            kind="section",
        )
    )
    parts = slide_chunks(case_blocks(pack.case_study.text), CASE_TEXT)
    for index, part in enumerate(parts, 1):
        if index == 1:
            cue = "Read this part aloud, or give the group a minute to read it."
        elif index == len(parts):
            cue = "The last part. Ask what stands out before moving to the questions."
        else:
            cue = "Pause here and ask what the group notices so far."
        slides.append(
            pptx.Slide(
                numbered(pack.case_study.title, index, len(parts)),
                bullets=[],
                text="\n".join(part),
                notes=f"Case study, part {index} of {len(parts)}. {cue}",
                kind="case",
            )
        )
    slides.append(
        pptx.Slide(
            "Discussion",
            text=f"{len(pack.discussion)} questions for small groups",
            notes="Move into groups. Each question has its own notes on the next slides.",
            kind="section",
        )
    )
    for number, item in enumerate(pack.discussion, 1):
        slides.append(
            pptx.Slide(
                f"Discussion {number} of {len(pack.discussion)}",
                text=item.question,
                notes=item.facilitator_notes,
            )
        )
    references = [
        f"{ref.short}: {plain(ref.known_title)}" for ref in (ctx.reference(k) for k in pack.sources)
    ]
    groups = slide_chunks(references, SLIDE_TEXT)
    for index, group in enumerate(groups, 1):
        slides.append(
            pptx.Slide(
                numbered("Sources", index, len(groups)),
                bullets=group,
                notes="Full references, and this pack online: "
                + ctx.config.page_url(pack_path(pack.id, ".md"))
                + (f" (sources, part {index} of {len(groups)})" if len(groups) > 1 else ""),
            )
        )
    deck = pptx.Deck(
        pack.title,
        f"{ctx.config.name} · {long_date(pack.updated)}",
        slides,
        ctx.config.name,
        pack.updated,
        notes=pack.summary,
    )
    return ctx.cache.get(Job("training-pptx", pptx.build_pptx, (deck,)))


def make_handout(ctx: Context, pack: TrainingPack) -> bytes:
    sheet = next(f for f in ctx.site.factsheets if f.id == pack.factsheet)
    notes = notes_for(ctx, sheet)
    # In the order of the session: the evidence in brief, then the case study and questions.
    sections = [
        docx.Part(
            "What you will learn",
            paragraphs=["By the end, you will be able to:"],
            bullets=[outcome(o) for o in pack.learning_outcomes],
        ),
        docx.Part("Key messages", bullets=[notes.plain(m) for m in sheet.key_messages]),
    ]
    evidence = _evidence(ctx, pack)
    if evidence:
        sections.append(docx.Part("What the Delphi panel said", bullets=evidence))
    sections += [
        docx.Part(
            f"Case study: {pack.case_study.title}",
            paragraphs=[
                "This case is a fictional composite. It describes no real "
                "child, family or practitioner.",
                *paragraphs(pack.case_study.text),
            ],
        ),
        docx.Part("Questions to discuss", numbered=[d.question for d in pack.discussion]),
        docx.Part("Sources", bullets=[plain(ctx.reference(k).cited) for k in pack.sources]),
    ]
    if notes.numbers:
        sections.append(docx.Part("Notes", paragraphs=[notes_paragraph(notes)]))
    return _word_file(ctx, pack, "Training handout", pack.title, pack.summary, sections)


def _word_file(
    ctx: Context,
    pack: TrainingPack,
    kicker: str,
    title: str,
    subtitle: str,
    sections: list[docx.Part],
) -> bytes:
    """One of the pack's Word files, dated and signed in its footer."""
    document = docx.WordDocument(
        title=title,
        subtitle=subtitle,
        sections=sections,
        footer=f"{pack.title} · {long_date(pack.updated)} · {ctx.config.name}",
        date=pack.updated,
        author=ctx.config.name,
        kicker=kicker,
    )
    return ctx.cache.get(Job("training-docx", docx.build_docx, (document,)))


MATERIALS_TITLE = "Materials to print"


def make_materials(ctx: Context, pack: TrainingPack) -> bytes:
    """What the session plan hands out, ready to print: each on a page of its own, cards in a
    ruled grid to cut out, sheets as ruled tables to fill in."""
    sections = [
        docx.Part(
            material.title,
            paragraphs=[f"Used in: {material.step}", material.instructions],
            cards=list(material.cards),
            sheet=(list(material.columns), list(material.rows)) if material.columns else None,
            new_page=n > 0,
        )
        for n, material in enumerate(pack.materials)
    ]
    return _word_file(
        ctx,
        pack,
        "Training materials",
        f"{MATERIALS_TITLE}: {pack.title}",
        "For the trainer: cards and sheets the session plan hands out.",
        sections,
    )


def make_bundle(
    ctx: Context,
    pack: TrainingPack,
    slides: bytes,
    handout: bytes,
    factsheet_pdf: bytes,
    materials: bytes | None = None,
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
            *(
                ["  materials.docx  cards and sheets to print for the activities"]
                if materials
                else []
            ),
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
            *([(f"{folder}/materials.docx", materials)] if materials else []),
        ]
    )


def documents(ctx: Context, factsheet_files: dict[str, bytes]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for pack in ctx.site.training:
        slides = make_pptx(ctx, pack)
        handout = make_handout(ctx, pack)
        materials = make_materials(ctx, pack) if pack.materials else None
        files[pack_path(pack.id, ".pptx")] = slides
        files[pack_path(pack.id, "-handout.docx")] = handout
        if materials:
            files[pack_path(pack.id, "-materials.docx")] = materials
        factsheet_pdf = factsheet_files[factsheet_path(pack.factsheet, "pdf")]
        files[pack_path(pack.id, ".zip")] = make_bundle(
            ctx, pack, slides, handout, factsheet_pdf, materials
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
                outcome_lead=OUTCOME_LEAD,
                outcomes=[outcome(o) for o in pack.learning_outcomes],
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
                materials_title=MATERIALS_TITLE,
                materials_file=ctx.download_links(path, [pack_path(pack.id, "-materials.docx")])[0]
                if pack.materials
                else None,
                updated=pack.updated,
            )
        )
    out += render_pages(
        ctx,
        GENERATED["training"],
        "training.md.j2",
        "content/training/",
        {
            "title": TITLES["training"],
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
