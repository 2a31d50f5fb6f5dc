"""Validation of a bundle's narration/ against the bundle itself.

A bundle without narration/ is valid (it offers no Listen control). With it, every file the index
names must be there, be Ogg Vorbis mono and last as long as the index says; every page id must be
one of the bundle's pages in a language of the bundle, and each cue must name one of the page's
units; narration/ holds nothing the index does not name. That a file is the one that was signed
is the manifest's job: its hash is checked like every other file's.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.bundle import Bundle
from kiosk.content.narration_files import INDEX_PATH
from kiosk.content.narration_index import NarrationError, NarrationIndex, read_index
from kiosk.content.narration_units import bundle_pages, units_key
from kiosk.content.ogg_check import OggError, check_ogg
from kiosk.content.problems import Problems
from kiosk.content.sealed import MANIFEST_JSON

NARRATION = "narration"
RECORDINGS = "recordings"  # the content team's recordings, read by the build (narration_build)
# How far the index's duration may be from the audio's own (the Ogg granule position).
DURATION_TOLERANCE = 0.25
STALE = (
    "this page's narration was made from an earlier version of its text, so it would say "
    "something the screen does not: build again with espeak-ng installed to make it anew"
)
# In an authoring folder (no manifest.json yet) the same is only a warning: the build leaves
# such pages' narration out (kiosk/content/narration_keep.py) unless it makes narration anew.
STALE_DRAFT = (
    "this page's narration was made from an earlier version of its text: a build leaves it "
    "out, unless espeak-ng is installed to make it anew"
)


def is_narration_file(rel: str) -> bool:
    """Checked here (narration/), or read by the build (recordings/): not "unreferenced"."""
    return rel.startswith(f"{NARRATION}/") or (
        rel.startswith(f"{RECORDINGS}/") and rel.endswith((".ogg", ".toml"))
    )


def _read(root: Path, problems: Problems) -> NarrationIndex | None:
    path = root / INDEX_PATH
    if path.is_symlink() or not path.is_file():
        problems.error(INDEX_PATH, "", "missing: a bundle with narration/ needs its index.json")
        return None
    try:
        return read_index(path.read_bytes())
    except NarrationError as exc:
        problems.error(INDEX_PATH, "", str(exc))
        return None


def _audio(root: Path, lang: str, file: str, duration: float, where: str, out: Problems) -> None:
    if not file.startswith(f"{NARRATION}/{lang}/"):
        out.error(INDEX_PATH, where, f"{file} must be in {NARRATION}/{lang}/")
        return
    path = root / file
    if path.is_symlink() or (path.exists() and not path.is_file()):
        out.error(file, where, "must be a regular file (links are not allowed)")
        return
    if not path.exists():
        out.error(file, where, "audio file is missing")
        return
    try:
        audio = check_ogg(path)
    except OggError as exc:
        out.error(file, where, f"the audio file {exc}")
        return
    if abs(audio.duration - duration) > DURATION_TOLERANCE:
        out.error(
            file,
            where,
            f"the index says it lasts {duration:.2f} s, but the audio lasts {audio.duration:.2f} s",
        )


def _language(root: Path, bundle: Bundle, lang: str, index: NarrationIndex, out: Problems) -> None:
    sealed = (root / MANIFEST_JSON).exists()
    narration = index.languages[lang]
    units = bundle_pages(bundle, lang)
    for page_id, page in narration.pages.items():
        where = f"languages.{lang}.pages.{page_id}"
        if page_id not in units:
            out.error(INDEX_PATH, where, f"the bundle has no page {page_id!r}")
            continue
        if page.said != units_key(units[page_id]):
            if sealed:
                out.error(INDEX_PATH, where, STALE)
            else:
                out.warning(INDEX_PATH, where, STALE_DRAFT)
            continue
        last = page.cues[-1].unit
        if last >= len(units[page_id]):
            out.error(
                INDEX_PATH,
                where,
                f"a cue names unit {last}, but the page has {len(units[page_id])} units",
            )
        _audio(root, lang, page.file, page.duration, where, out)
    for key, text in narration.texts.items():
        _audio(root, lang, text.file, text.duration, f"languages.{lang}.texts.{key}", out)


def narration_problems(bundle: Bundle, root: Path) -> Problems:
    """Every problem with root/narration (none when the folder has no narration)."""
    problems = Problems()
    folder = root / NARRATION
    if not folder.exists() and not folder.is_symlink():
        return problems
    if folder.is_symlink() or not folder.is_dir():
        problems.error(NARRATION, "", "must be a folder (links are not allowed)")
        return problems
    index = _read(root, problems)
    if index is None:
        return problems
    for lang in index.languages:
        if lang in bundle.languages:
            _language(root, bundle, lang, index, problems)
        else:
            problems.error(INDEX_PATH, f"languages.{lang}", "the bundle has no such language")
    named = {INDEX_PATH, *index.files()}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if (path.is_file() or path.is_symlink()) and rel not in named:
            problems.error(rel, "", f"file is not named by {INDEX_PATH} (remove it)")
    return problems
