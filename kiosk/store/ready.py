"""The ready copy of a bundle: its content already validated and rendered, for a fast start.

Validating a bundle means loading the schema (pydantic) and the Markdown parser, which doubled
the patient app's start-up time and memory (bench/bench_ui.py). So when the store has fully
verified and validated a bundle once, it keeps the resulting `Bundle` as plain JSON in
`ready/<seal digest>.json`, together with every file's expected hash. At the next start it only
checks every file's hash against this copy (kiosk/content/sealed.py) and reads it; why the
signature is not checked again is in docs/keys.md ("What is checked when").

A copy is used only when everything matches: its own checksum (a damaged copy is ignored), the
seal it was made from (a new bundle never meets an old copy), and the stamp of the code that
rendered it (a new app version or an edited renderer never shows stale text). Any mismatch means
the slow path runs once more and writes a fresh copy. The copy is the store's own output, never
anyone's input, hence plain `json` rather than a schema library: it must load in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kiosk
from kiosk.content.bundle import (
    CALLOUT_LEVELS,
    Block,
    Blocks,
    Bundle,
    Callout,
    ContentPage,
    Heading,
    ListBlock,
    Location,
    Organization,
    PageText,
    Paragraph,
    Review,
    Section,
    Span,
    Spans,
)
from kiosk.content.qr_matrix import is_qr_rows
from kiosk.content.sealed import Digest

READY_FORMAT = 4  # 2: typed page blocks, drafts; 3: directions; 4: authenticated copies
_MAGIC = b"kiosk-ready-copy"
# The modules whose code decides what a Bundle holds; editing one invalidates every copy.
# The content modules that turn a folder into a Bundle (and this module, which writes the copy).
_RENDERERS = (
    "bundle.py",
    "directions.py",
    "manifest.py",
    "markup.py",
    "qr.py",
    "qr_matrix.py",
    "validate.py",
)


class ReadyCopyError(ValueError):
    """The copy cannot be used (damaged, another format, made by other code); not a problem
    with the bundle itself."""


@dataclass(frozen=True)
class ReadyCopy:
    bundle: Bundle
    files: Mapping[str, Digest]  # every file of the bundle (but its seal) -> expected digest


def code_stamp() -> str:
    """Changes whenever the code that turns a bundle folder into a Bundle may have changed."""
    parts = [str(READY_FORMAT), kiosk.__version__]
    if getattr(sys, "frozen", False):  # a new build is a new executable
        sources = [Path(sys.executable)]
    else:
        content = Path(__file__).resolve().parent.parent / "content"
        sources = [content / name for name in _RENDERERS] + [Path(__file__).resolve()]
    for source in sources:
        try:
            info = source.stat()
        except OSError:
            parts.append(f"{source.name}:missing")
        else:
            parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


# -- writing -----------------------------------------------------------------------------------
def _mac(key: bytes, body: bytes) -> str:
    # Keyed outside the data folder (kiosk/store/secret.py): a plain checksum here could be
    # recomputed by whoever edits the copy.
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def dump(bundle: Bundle, files: Mapping[str, Digest], seal_digest: str, key: bytes) -> bytes:
    body = json.dumps(
        {
            "seal": seal_digest,
            "stamp": code_stamp(),
            "files": [[rel, d.sha256, d.size] for rel, d in sorted(files.items())],
            "bundle": _bundle_json(bundle),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return _MAGIC + f" {READY_FORMAT} {_mac(key, body)}\n".encode() + body


def _spans_json(spans: Spans) -> list[list[Any]]:
    return [[span.text, span.strong, span.emphasis] for span in spans]


def _block_json(block: Block) -> list[Any]:
    """Each block as a list whose first item names its kind."""
    if isinstance(block, Paragraph):
        return ["p", _spans_json(block.spans)]
    if isinstance(block, Heading):
        return ["h", _spans_json(block.spans)]
    if isinstance(block, ListBlock):
        items = [[_block_json(b) for b in item] for item in block.items]
        return ["list", block.ordered, block.start, block.loose, items]
    return ["callout", block.level, [_block_json(b) for b in block.blocks]]


def _text_json(text: PageText) -> dict[str, Any]:
    return {
        "title": text.title,
        "summary": [_block_json(b) for b in text.summary],
        "sections": [[s.heading, [_block_json(b) for b in s.blocks]] for s in text.sections],
    }


def _review_json(review: Review) -> list[str | None]:
    return [review.by, _iso(review.on), _iso(review.due)]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _page_json(page: ContentPage, root: Path) -> dict[str, Any]:
    return {
        "id": page.id,
        "kind": page.kind,
        "illustration": page.illustration.relative_to(root).as_posix(),
        "review": _review_json(page.review),
        "text": {lang: _text_json(text) for lang, text in page.text.items()},
    }


def _location_json(location: Location) -> dict[str, Any]:
    return {
        "id": location.id,
        "town": location.town,
        "state": location.state,
        "lat": location.lat,
        "lon": location.lon,
        "county": location.county,
        "address": location.address,
        "phone": location.phone,
        "hours": location.hours,
        "notes": dict(location.notes) if location.notes is not None else None,
        "link": location.link,
        "directions": location.directions,
        "directions_qr": list(location.directions_qr),
    }


def _bundle_json(bundle: Bundle) -> dict[str, Any]:
    return {
        "id": bundle.id,
        "version": bundle.version,
        "languages": list(bundle.languages),
        "organization": [
            bundle.organization.name,
            bundle.organization.website,
            list(bundle.website_qr),
        ],
        "locations_illustration": bundle.locations_illustration,
        "locations": [_location_json(location) for location in bundle.locations],
        "ui": {lang: dict(texts) for lang, texts in bundle.ui_text.items()},
        "about": [_page_json(page, bundle.root) for page in bundle.about],
        "treatments": [_page_json(page, bundle.root) for page in bundle.treatments],
        "disclaimer": {lang: _text_json(text) for lang, text in bundle.disclaimer.items()},
        "disclaimer_review": _review_json(bundle.disclaimer_review),
    }


# -- reading -----------------------------------------------------------------------------------
def load(data: bytes, root: Path, seal_digest: str, key: bytes) -> ReadyCopy:
    """The copy in `data` for the bundle folder `root` sealed as `seal_digest`.

    Raises ReadyCopyError when it cannot be used; the caller then validates the bundle itself.
    """
    header, _, body = data.partition(b"\n")
    expected = _MAGIC + f" {READY_FORMAT} {_mac(key, body)}".encode()
    if not hmac.compare_digest(header, expected):
        raise ReadyCopyError("damaged, forged, or written by another format")
    try:
        raw = json.loads(body)
        if raw["seal"] != seal_digest:
            raise ReadyCopyError("made from another seal")
        if raw["stamp"] != code_stamp():
            raise ReadyCopyError("made by another version of the app")
        files = {_rel(rel): Digest(_str(sha), _int(size)) for rel, sha, size in _list(raw["files"])}
        return ReadyCopy(_bundle(raw["bundle"], root), files)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ReadyCopyError):
            raise
        raise ReadyCopyError(f"unexpected content ({exc!r})") from None


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, not {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, not {type(value).__name__}")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, not {type(value).__name__}")
    return value


def _rel(value: object) -> str:
    """A path inside the bundle folder (the copy never points outside it)."""
    parts = _str(value).split("/")
    if any(part in ("", ".", "..") or "\\" in part for part in parts):
        raise ValueError(f"not a path inside the bundle: {value!r}")
    return "/".join(parts)


def _opt(value: object) -> str | None:
    return None if value is None else _str(value)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, not {type(value).__name__}")
    return value


def _spans(raw: object) -> Spans:
    return tuple(Span(_str(text), _bool(strong), _bool(em)) for text, strong, em in _list(raw))


def _block(raw: object) -> Block:
    kind, *rest = _list(raw)
    if kind == "p":
        return Paragraph(_spans(rest[0]))
    if kind == "h":
        return Heading(_spans(rest[0]))
    if kind == "list":
        ordered, start, loose, items = rest
        return ListBlock(
            _bool(ordered), _int(start), _bool(loose), tuple(_blocks(item) for item in _list(items))
        )
    if kind == "callout" and rest[0] in CALLOUT_LEVELS:
        return Callout(rest[0], _blocks(rest[1]))
    raise ValueError(f"unknown block {kind!r}")


def _blocks(raw: object) -> Blocks:
    return tuple(_block(item) for item in _list(raw))


def _text(raw: Any) -> PageText:
    return PageText(
        title=_str(raw["title"]),
        summary=_blocks(raw["summary"]),
        sections=tuple(Section(_str(h), _blocks(b)) for h, b in _list(raw["sections"])),
    )


def _date(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_str(value))


def _review(raw: Sequence[Any]) -> Review:
    by, on, due = _list(raw)
    return Review(_opt(by), _date(on), _date(due))


def _page(raw: Any, root: Path, kind: str) -> ContentPage:
    if raw["kind"] != kind:
        raise ValueError(f"a {raw['kind']} page among the {kind} pages")
    return ContentPage(
        id=_str(raw["id"]),
        kind="about" if kind == "about" else "treatment",
        illustration=root.joinpath(*_rel(raw["illustration"]).split("/")),
        review=_review(raw["review"]),
        text={_str(lang): _text(text) for lang, text in raw["text"].items()},
    )


def _location(raw: Any) -> Location:
    notes = raw["notes"]
    return Location(
        id=_str(raw["id"]),
        town=_str(raw["town"]),
        state=_str(raw["state"]),
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        county=_opt(raw["county"]),
        address=_opt(raw["address"]),
        phone=_opt(raw["phone"]),
        hours=_opt(raw["hours"]),
        notes=None if notes is None else {_str(k): _str(v) for k, v in notes.items()},
        link=_opt(raw["link"]),
        directions=_str(raw["directions"]),
        directions_qr=_qr(raw["directions_qr"]),
    )


def _qr(raw: Any) -> tuple[str, ...]:
    rows = tuple(_list(raw))
    if not is_qr_rows(rows):
        raise ValueError("not a QR code")
    return rows


def _bundle(raw: Any, root: Path) -> Bundle:
    name, website, qr = _list(raw["organization"])
    website_qr = tuple(_list(qr))
    if not is_qr_rows(website_qr):
        raise ValueError("not a QR code")
    return Bundle(
        root=root,
        id=_str(raw["id"]),
        version=_int(raw["version"]),
        languages=tuple(_str(lang) for lang in _list(raw["languages"])),
        organization=Organization(_str(name), _str(website)),
        website_qr=website_qr,
        locations_illustration=_rel(raw["locations_illustration"]),
        locations=tuple(_location(item) for item in _list(raw["locations"])),
        ui_text={
            _str(lang): {_str(k): _str(v) for k, v in texts.items()}
            for lang, texts in raw["ui"].items()
        },
        about=tuple(_page(item, root, "about") for item in _list(raw["about"])),
        treatments=tuple(_page(item, root, "treatment") for item in _list(raw["treatments"])),
        disclaimer={_str(lang): _text(text) for lang, text in raw["disclaimer"].items()},
        disclaimer_review=_review(raw["disclaimer_review"]),
    )
