"""Rewrite a ZIP-based file (DOCX, PPTX, ZIP) with fixed timestamps and order, so the same
content always gives the same bytes."""

from __future__ import annotations

import io
import zipfile

FIXED = (2000, 1, 1, 0, 0, 0)


def stable_zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def normalise(data: bytes) -> bytes:
    """The same archive, entries in their original order, every timestamp fixed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return stable_zip(entries)
