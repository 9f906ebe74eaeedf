"""Derive stage: everything computed from the Site once, so every output renders the same
numbers and links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.derive.delphi import DelphiResults, derive_delphi
from builder.derive.index import Entry, entries, group_by_audience, group_by_tag
from builder.derive.links import Links, links
from builder.derive.observatory import Observatory, observatory
from builder.derive.updates import Updates, updates
from builder.models import Site
from builder.models.addresses import addresses
from builder.problems import Problem


@dataclass(frozen=True)
class Derived:
    addresses: dict[str, str]
    entries: tuple[Entry, ...]
    by_audience: dict[str, tuple[Entry, ...]]
    by_tag: dict[str, tuple[Entry, ...]]
    delphi: DelphiResults | None
    updated: dt.date  # the newest 'updated' date in the content: the site's own date
    links: Links
    observatory: Observatory
    updates: Updates

    @property
    def problems(self) -> list[Problem]:
        """Warnings the derive stage found (e.g. printed tables that disagree with the data)."""
        return list(self.delphi.warnings) if self.delphi else []


def derive(site: Site) -> Derived:
    delphi = derive_delphi(site.delphi) if site.delphi else None
    items = entries(site)
    return Derived(
        addresses=addresses(site),
        entries=items,
        by_audience=group_by_audience(items),
        by_tag=group_by_tag(items),
        delphi=delphi,
        updated=max(e.updated for e in items if e.updated is not None),
        links=links(site),
        observatory=observatory(site),
        updates=updates(site.newsletters, items),
    )
