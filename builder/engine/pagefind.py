"""Make Pagefind's output reproducible. Pagefind writes each filter's values (and the list of
filters) in hash-map order, which changes from run to run; this rewrites those chunks in sorted
order and renames them by their new content hash, so the same site gives the same bytes.
Written here because Pagefind has no option for it (checked against 1.5.2)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

MAGIC = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path} is not a Pagefind chunk")
    return cbor2.loads(data[len(MAGIC) :])


def _encode(value: Any) -> bytes:
    return gzip.compress(MAGIC + cbor2.dumps(value), mtime=0)


def _name(prefix: str, data: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"


def stabilise(bundle: Path) -> None:
    """Rewrite filter chunks and the metadata file of a Pagefind bundle in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(old_meta)
        renamed: dict[str, str] = {}
        for _filter, chunk_hash in meta[3]:
            chunk = bundle / "filter" / f"{chunk_hash}.pf_filter"
            filter_name, values = _read(chunk)
            data = _encode([filter_name, sorted(values, key=lambda v: v[0])])
            new_hash = _name(chunk_hash.split("_")[0], data, 7)
            chunk.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed[chunk_hash] = new_hash
        meta[3] = sorted([[name, renamed[h]] for name, h in meta[3]])
        data = _encode(meta)
        new_meta = _name(language["hash"].split("_")[0], data, 10)
        old_meta.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        language["hash"] = new_meta
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
