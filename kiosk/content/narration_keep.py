"""A build without speech tools keeps the folder's narration, less the pages whose text changed.

Staff who correct a sentence in the studio on a PC without espeak-ng must still be able to build;
what they must never ship is audio that says the old sentence. So the pages whose narration was
made from an earlier text (kiosk/content/narration_units.py `units_key`) are left out, with a
warning each: those pages offer no Listen control until the narration is made again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec

from kiosk.atomic import write_bytes
from kiosk.content.bundle import Bundle
from kiosk.content.narration_check import NARRATION, STALE, narration_problems
from kiosk.content.narration_files import INDEX_PATH
from kiosk.content.narration_index import NarrationIndex, index_bytes, read_index
from kiosk.content.narration_units import bundle_pages, units_key
from kiosk.content.problems import BundleError, Problem

LEFT_OUT = (
    "narration left out: the page's text changed since it was spoken; build with espeak-ng "
    "installed to make it anew"
)


def _fresh(bundle: Bundle, index: NarrationIndex) -> tuple[NarrationIndex, list[Problem]]:
    """The index without its stale pages, and a warning per page left out."""
    languages, warnings = {}, []
    for lang, narration in index.languages.items():
        units = bundle_pages(bundle, lang)
        pages = {}
        for page_id, page in narration.pages.items():
            if page_id in units and page.said != units_key(units[page_id]):
                where = f"languages.{lang}.pages.{page_id}"
                warnings.append(Problem("warning", INDEX_PATH, where, LEFT_OUT))
            else:
                pages[page_id] = page
        languages[lang] = msgspec.structs.replace(narration, pages=pages)
    return msgspec.structs.replace(index, languages=languages), warnings


def keep_narration(bundle: Bundle, src: Path, out: Path) -> list[Problem]:
    """Copies src/narration to out/narration without its stale pages; returns the warnings.
    BundleError when the narration has any other problem (as validation would refuse it)."""
    if not (src / NARRATION).exists():
        return []
    others = [p for p in narration_problems(bundle, src).errors if p.message != STALE]
    if others:
        raise BundleError(f"The narration in {src} is not valid.", others)
    index, warnings = _fresh(bundle, read_index((src / INDEX_PATH).read_bytes()))
    for rel in index.files():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, out / rel)
    write_bytes(out / INDEX_PATH, index_bytes(index))
    return warnings
