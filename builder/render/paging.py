"""Long lists kept small: split into numbered pages with a pager, or capped to the newest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from builder.models.addresses import listing_page_path
from builder.render.context import Context
from builder.render.output import Output

T = TypeVar("T")
# Entries on one page of a paginated list: with Material's page chrome (about 30 KB) a page of
# short entries stays well under 60 KB of HTML however long the list grows.
PER_PAGE = 50
# Related items listed on a single page (themes of an analysis, say) before "and N more".
RELATED_LIMIT = 25
# The pager links to the first and last page and to this many pages either side of this one.
WINDOW = 2


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, where every page of the list is, and which one this is."""

    items: tuple[T, ...]
    number: int  # 1-based
    paths: tuple[str, ...]  # docs path of every page of the list, in order
    count: int  # items in the whole list
    per_page: int
    noun: str = ""  # what the items are ("themes"), for "themes 51 to 100 of 742"

    @property
    def total(self) -> int:
        return len(self.paths)

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.total else None

    @property
    def first_item(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_item(self) -> int:
        return (self.number - 1) * self.per_page + len(self.items)

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers for the pager: first, last and a window around this one; None is a gap."""
        shown = {1, self.total, *range(self.number - WINDOW, self.number + WINDOW + 1)}
        out: list[int | None] = []
        for n in sorted(n for n in shown if 1 <= n <= self.total):
            if out and out[-1] is not None and n > out[-1] + 1:
                out.append(None)
            out.append(n)
        return out


def paginate(
    items: Sequence[T], first: str, per_page: int = PER_PAGE, noun: str = ""
) -> list[Page[T]]:
    """`items` in pages of `per_page`, the first at `first`; an empty list is one empty page."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, not {per_page}")
    total = max(1, -(-len(items) // per_page))
    paths = tuple(listing_page_path(first, n) for n in range(1, total + 1))
    return [
        Page(
            tuple(items[(n - 1) * per_page : n * per_page]),
            n,
            paths,
            len(items),
            per_page,
            noun,
        )
        for n in range(1, total + 1)
    ]


def newest(items: Sequence[T], limit: int, key: Callable[[T], Any]) -> tuple[list[T], int]:
    """A related list capped at `limit`: unchanged if short enough, else the newest by `key`;
    with how many were left out."""
    if len(items) <= limit:
        return list(items), 0
    return sorted(items, key=key, reverse=True)[:limit], len(items) - limit


def render_pages(
    ctx: Context,
    first: str,
    template: str,
    source: str,
    meta: dict[str, Any],
    items: Sequence[Any],
    per_page: int = PER_PAGE,
    noun: str = "",
    **values: Any,
) -> list[Output]:
    """Every page of a list through one template, which gets `page` (a Page) and `values`;
    pages after the first say their number in the title."""
    return [
        ctx.page(
            page.path,
            template,
            source,
            {**meta, "title": page_title(meta["title"], page)},
            page=page,
            **values,
        )
        for page in paginate(items, first, per_page, noun)
    ]


def page_title(title: str, page: Page[Any]) -> str:
    """A page after the first says which it is, in the browser tab and in search results."""
    return title if page.number == 1 else f"{title}, page {page.number} of {page.total}"
