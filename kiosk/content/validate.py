"""Validation of a bundle folder: every problem at once, each with its file and field path."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from kiosk.content import readability, text_check
from kiosk.content.bundle import Bundle, ContentPage, Location, PageKind, PageText
from kiosk.content.directions import with_directions
from kiosk.content.images import IMAGE_SUFFIXES, check_image
from kiosk.content.manifest import (
    MANIFEST_NAME,
    SECTIONS,
    UI_KEYS,
    Disclaimer,
    Manifest,
    Page,
)
from kiosk.content.markup import check_subset, has_callout, split_page
from kiosk.content.narration_check import is_narration_file, narration_problems
from kiosk.content.problems import BundleError, Problems
from kiosk.content.qr import qr_rows
from kiosk.content.schema_problems import schema_problems, valid_items

MAX_PAGE_BYTES = 64 * 1024
_LANG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
# Files the distribution form adds; the authoring folder never references them.
DISTRIBUTION_FILES = frozenset({"manifest.json", "manifest.sig"})


class _Validator:
    def __init__(
        self, root: Path, *, readability_checks: bool, narration: bool, today: dt.date
    ) -> None:
        self.root = root
        self.readability_checks = readability_checks
        self.narration = narration
        self.today = today
        self.problems = Problems()
        self.referenced: set[str] = {MANIFEST_NAME}
        self.languages: list[str] = []
        self.ui: dict[str, dict[str, str]] = {}

    # -- files ---------------------------------------------------------------------------
    def _file(self, rel: str, owner: str, *, what: str = "file") -> Path | None:
        """The referenced file, or None after reporting why it cannot be used."""
        if text_check.path_refused(self.problems, rel, owner):
            return None
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or rel != pure.as_posix():
            self.problems.error(
                MANIFEST_NAME, owner, f"{rel!r} must be a plain path inside the bundle"
            )
            return None
        self.referenced.add(rel)
        path = self.root / rel
        if path.is_symlink() or (path.exists() and not path.is_file()):
            self.problems.error(rel, owner, "must be a regular file (links are not allowed)")
            return None
        if not path.exists():
            self.problems.error(rel, owner, f"{what} is missing")
            return None
        return path

    def _image(self, rel: str, owner: str) -> None:
        if not rel.lower().endswith(IMAGE_SUFFIXES):
            self.problems.error(rel, owner, "images must be .svg or .png files")
        path = self._file(rel, owner, what="image")
        if path is None:
            return
        for message in check_image(rel, path.read_bytes()):
            self.problems.error(rel, owner, message)

    # -- pages ---------------------------------------------------------------------------
    def _page_text(
        self, stem: str, owner: str, lang: str, entry: Page | Disclaimer, kind: PageKind | None
    ) -> PageText | None:
        rel = f"{stem}.{lang}.md"
        if text_check.path_refused(self.problems, rel, f"{owner}.text"):
            return None
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts:
            self.problems.error(
                MANIFEST_NAME, f"{owner}.text", f"{stem!r} must be a plain path inside the bundle"
            )
            return None
        self.referenced.add(rel)
        path = self.root / rel
        if not path.is_file() or path.is_symlink():
            self.problems.error(rel, f"{owner} ({lang})", "missing translation (no such page file)")
            return None
        data = path.read_bytes()
        if len(data) > MAX_PAGE_BYTES:
            self.problems.error(
                rel, f"{owner} ({lang})", f"page is larger than {MAX_PAGE_BYTES:,} bytes"
            )
            return None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            self.problems.error(rel, f"{owner} ({lang})", "page file must be UTF-8 text")
            return None
        self.problems.extend(text_check.page_problems(source, rel))
        for issue in check_subset(source):
            self.problems.error(rel, f"line {issue.line}", issue.message)
        page, issues = split_page(source)
        for issue in issues:
            self.problems.error(rel, f"line {issue.line}", issue.message)
        if page is None:
            return None
        if kind == "treatment":
            self._treatment_sections(page, rel, owner, lang)
        if entry.names_emergency and not has_callout(page.blocks, "emergency"):
            self.problems.error(
                rel,
                f"{owner} ({lang})",
                "the page names an emergency (names_emergency = true) but has no "
                "[!EMERGENCY] callout saying what to do",
            )
        if self.readability_checks:
            for result in readability.scores(source, lang):
                message = f"{result.metric} is {result.value:.1f}; expected {result.expected}"
                if result.level == "error":
                    self.problems.error(rel, f"{owner} ({lang}).readability", message)
                elif result.level == "warning":
                    self.problems.warning(rel, f"{owner} ({lang}).readability", message)
        return page

    def _treatment_sections(self, page: PageText, rel: str, owner: str, lang: str) -> None:
        labels = self.ui.get(lang, {})
        found = [s.heading for s in page.sections]
        expected = [labels.get(key, "") for _, key in SECTIONS]
        for (section, key), label in zip(SECTIONS, expected, strict=True):
            if label and label not in found:
                self.problems.error(
                    rel,
                    f"{owner}.sections.{section} ({lang})",
                    f'missing translation: expected a "## {label}" section (ui.{lang}.{key})',
                )
        extra = [h for h in found if h not in expected]
        for heading in extra:
            self.problems.error(
                rel,
                f"{owner}.sections ({lang})",
                f'unexpected section "## {heading}"; a treatment page has exactly five sections',
            )
        if not extra and all(expected) and found != expected and sorted(found) == sorted(expected):
            self.problems.error(
                rel,
                f"{owner}.sections ({lang})",
                "sections must be in the order: " + ", ".join(expected),
            )

    def _review(self, page: Page | Disclaimer, owner: str) -> None:
        review = page.review
        page_id = page.id if isinstance(page, Page) else "disclaimer"
        if review.is_draft:
            missing = " and ".join(
                what
                for what, value in (("a reviewer (by)", review.by), ("a date (on)", review.on))
                if value is None
            )
            self.problems.warning(
                MANIFEST_NAME,
                f"{owner}.review",
                f"draft: no clinician has reviewed {page_id!r} yet ({missing} missing)",
            )
        if review.on is not None and review.due is not None and review.on > review.due:
            self.problems.error(
                MANIFEST_NAME,
                f"{owner}.review",
                "review is due before it was done (on is after due)",
            )
        if review.on is not None and review.on > self.today:
            # A warning: a kiosk whose clock is wrong must not refuse good content.
            self.problems.warning(
                MANIFEST_NAME, f"{owner}.review.on", f"review date {review.on} is in the future"
            )
        if review.due is not None and review.due < self.today:
            self.problems.warning(
                MANIFEST_NAME, f"{owner}.review.due", f"review was due on {review.due}"
            )

    def _pages(self, raw: Any, group: str, kind: PageKind, seen: set[str]) -> list[ContentPage]:
        pages = []
        for index, page in valid_items(raw, Page):
            owner = f"{group}[{index}]"
            if page.id in seen:
                self.problems.error(
                    MANIFEST_NAME, f"{owner}.id", f"id {page.id!r} is used more than once"
                )
            seen.add(page.id)
            self._image(page.illustration, f"{owner}.illustration")
            self._review(page, owner)
            texts = {
                lang: self._page_text(page.text, owner, lang, page, kind) for lang in self.languages
            }
            if all(texts.values()):
                pages.append(
                    ContentPage(
                        id=page.id,
                        kind=kind,
                        illustration=self.root / page.illustration,
                        review=page.review,
                        text={lang: text for lang, text in texts.items() if text},
                    )
                )
        return pages

    # -- the whole -----------------------------------------------------------------------
    def _read_toml(self) -> dict[str, Any] | None:
        manifest_path = self.root / MANIFEST_NAME
        if not self.root.is_dir():
            self.problems.error(str(self.root), "", "not a folder")
            return None
        if not manifest_path.is_file():
            self.problems.error(
                MANIFEST_NAME, "", "missing: every bundle folder needs a bundle.toml"
            )
            return None
        try:
            return tomllib.loads(manifest_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.problems.error(MANIFEST_NAME, "", f"not valid TOML: {exc}")
            return None

    def _disclaimer(self, raw: Any) -> tuple[Disclaimer | None, dict[str, PageText]]:
        texts: dict[str, PageText] = {}
        try:
            disclaimer = Disclaimer.model_validate(raw)
        except ValidationError:
            return None, texts
        self._review(disclaimer, "disclaimer")
        for lang in self.languages:
            text = self._page_text(disclaimer.text, "disclaimer", lang, disclaimer, None)
            if text is not None:
                texts[lang] = text
        return disclaimer, texts

    def _other_files(self, raw: dict[str, Any]) -> None:
        if isinstance(raw.get("locations_illustration"), str):
            self._image(raw["locations_illustration"], "locations_illustration")
        notices = raw.get("notices")
        for index, notice in enumerate(notices if isinstance(notices, list) else []):
            if isinstance(notice, str):
                self._file(notice, f"notices[{index}]")
        self._unreferenced()

    def run(self) -> Bundle | None:
        raw = self._read_toml()
        if raw is None:
            return None
        self.problems.extend(text_check.manifest_problems(raw))
        manifest: Manifest | None = None
        try:
            manifest = Manifest.model_validate(raw)
        except ValidationError as exc:
            schema_problems(exc, self.problems)

        langs = raw.get("languages")
        # Only well-formed codes are used to build page file names; the schema reports the rest.
        self.languages = (
            [x for x in langs if isinstance(x, str) and _LANG.fullmatch(x)]
            if isinstance(langs, list)
            else []
        )
        if len(set(self.languages)) != len(self.languages):
            self.problems.error(MANIFEST_NAME, "languages", "a language is listed more than once")
        self._check_ui(raw.get("ui"))

        seen: set[str] = set()
        about = self._pages(raw.get("about"), "about", "about", seen)
        treatments = self._pages(raw.get("treatments"), "treatments", "treatment", seen)
        disclaimer, disclaimer_texts = self._disclaimer(raw.get("disclaimer"))
        self._locations(raw.get("locations"))
        self._other_files(raw)

        if manifest is None or disclaimer is None or not self.problems.ok:
            return None
        bundle = Bundle(
            root=self.root,
            id=manifest.id,
            version=manifest.version,
            languages=tuple(manifest.languages),
            organization=manifest.organization,
            website_qr=qr_rows(manifest.organization.website),
            locations_illustration=manifest.locations_illustration,
            locations=tuple(
                with_directions(loc, manifest.organization.directions, manifest.organization.name)
                for loc in manifest.locations
            ),
            ui_text={lang: dict(texts) for lang, texts in manifest.ui.items()},
            about=tuple(about),
            treatments=tuple(treatments),
            disclaimer=disclaimer_texts,
            disclaimer_review=disclaimer.review,
        )
        if self.narration:
            self.problems.extend(narration_problems(bundle, self.root).items)
        return bundle if self.problems.ok else None

    def _check_ui(self, ui: Any) -> None:
        if not isinstance(ui, dict):
            return
        for lang in self.languages:
            strings = ui.get(lang)
            if not isinstance(strings, dict):
                self.problems.error(
                    MANIFEST_NAME, f"ui.{lang}", f"missing translation: no [ui.{lang}] table"
                )
                continue
            self.ui[lang] = {k: v for k, v in strings.items() if isinstance(v, str)}
            for key in UI_KEYS:
                if key not in strings:
                    self.problems.error(MANIFEST_NAME, f"ui.{lang}.{key}", "missing translation")
            for key in strings:
                if key not in UI_KEYS:
                    self.problems.error(MANIFEST_NAME, f"ui.{lang}.{key}", "unknown key (a typo?)")
            template = strings.get("resetting_in")
            if isinstance(template, str) and "{seconds}" not in template:
                self.problems.error(
                    MANIFEST_NAME, f"ui.{lang}.resetting_in", "must contain {seconds}"
                )
        for lang in ui:
            if lang not in self.languages:
                self.problems.error(
                    MANIFEST_NAME, f"ui.{lang}", "language is not listed in languages"
                )

    def _locations(self, raw: Any) -> None:
        seen: set[str] = set()
        for index, location in valid_items(raw, Location):
            owner = f"locations[{index}]"
            if location.id in seen:
                self.problems.error(
                    MANIFEST_NAME, f"{owner}.id", f"id {location.id!r} is used more than once"
                )
            seen.add(location.id)
            if location.notes is not None:
                for lang in self.languages:
                    if lang not in location.notes:
                        self.problems.error(
                            MANIFEST_NAME, f"{owner}.notes ({lang})", "missing translation"
                        )

    def _unreferenced(self) -> None:
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if path.is_symlink():
                self.problems.error(rel, "", "links are not allowed in a bundle")
            elif (
                path.is_file()
                and rel not in self.referenced
                and rel not in DISTRIBUTION_FILES
                and not is_narration_file(rel)
            ):
                self.problems.error(
                    rel, "", "file is not referenced by bundle.toml (remove it or list it)"
                )


def validate_folder(
    root: Path,
    *,
    readability_checks: bool = True,
    narration: bool = True,
    today: dt.date | None = None,
) -> tuple[Bundle | None, Problems]:
    """Checks an authoring folder; returns the bundle (None when invalid) and every problem.
    `narration=False` leaves narration/ unchecked: the build is about to make it anew."""
    validator = _Validator(
        root,
        readability_checks=readability_checks,
        narration=narration,
        today=today or dt.date.today(),
    )
    bundle = validator.run()
    return bundle, validator.problems


def load_folder(root: Path, *, readability_checks: bool = False) -> Bundle:
    """The bundle in a folder, or BundleError with every problem. The app skips readability:
    it was checked when the bundle was built, and scoring every page costs start-up time."""
    bundle, problems = validate_folder(root, readability_checks=readability_checks)
    if bundle is None:
        raise BundleError(f"The bundle in {root} is not valid.", problems.errors)
    return bundle
