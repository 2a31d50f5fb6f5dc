"""`kiosk bundle validate`: every problem at once, with file, field path and expectation."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.content.validate import DISTRIBUTION_FILES, validate_folder
from kiosk.paths import default_bundle_dir

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A writable copy of the default bundle's authoring files."""
    dest = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), dest, ignore=shutil.ignore_patterns(*DISTRIBUTION_FILES))
    return dest


def messages(folder: Path, *, readability: bool = False) -> list[str]:
    _, problems = validate_folder(folder, readability_checks=readability, today=TODAY)
    return [str(p) for p in problems.items]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_default_bundle_is_valid_with_readability(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bundle", "validate", str(default_bundle_dir())]) == 0
    out = capsys.readouterr().out
    assert "resources/bundle: valid" in out.replace(
        str(default_bundle_dir().parent.parent) + "/", ""
    )
    assert "ERROR" not in out


def test_default_bundle_loads_every_page_in_both_languages(bundle: Path) -> None:
    loaded, problems = validate_folder(bundle, readability_checks=False, today=TODAY)
    assert problems.errors == []
    # No clinician has reviewed the default pages yet: every one is a draft, a warning.
    assert all("draft: no clinician has reviewed" in p.message for p in problems.warnings)
    assert loaded is not None
    assert len(loaded.drafts()) == loaded.page_count() == len(problems.warnings)
    assert loaded.languages == ("en", "es")
    assert [p.id for p in loaded.treatments] == [
        "medications",
        "physical-therapy",
        "botox",
        "surgery",
        "home-care",
    ]
    for page in loaded.treatments:
        for lang in loaded.languages:
            assert len(page.text[lang].sections) == 5
            assert page.text[lang].title
    # No invented addresses, phones or hours in the default content.
    assert all(loc.address is None and loc.phone is None for loc in loaded.locations)


def test_unknown_key_is_reported_as_a_typo(bundle: Path) -> None:
    edit(
        bundle / "bundle.toml",
        'illustration = "images/botox.svg"',
        'ilustration = "images/botox.svg"',
    )
    found = messages(bundle)
    assert any("treatments[2].ilustration: unknown key (a typo?)" in m for m in found)
    assert any("treatments[2].illustration: missing (required)" in m for m in found)


def test_missing_section_translation_names_treatment_section_and_language(bundle: Path) -> None:
    page = bundle / "pages" / "botox.es.md"
    label = tomllib.loads((bundle / "bundle.toml").read_text())["ui"]["es"][
        "section_things_to_know"
    ]
    edit(page, f"## {label}", "### Otra cosa")
    found = messages(bundle)
    expected = "treatments[2].sections.things_to_know (es): missing translation"
    assert any(m.startswith(f"ERROR pages/botox.es.md: {expected}") for m in found), found


def test_missing_page_file_for_a_language(bundle: Path) -> None:
    (bundle / "pages" / "causes.es.md").unlink()
    assert (
        "ERROR pages/causes.es.md: about[1] (es): missing translation (no such page file)"
        in messages(bundle)
    )


def test_unreferenced_and_missing_files(bundle: Path) -> None:
    (bundle / "images" / "extra.png").write_bytes(b"x")
    (bundle / "images" / "surgery.svg").unlink()
    found = messages(bundle)
    assert any(m.startswith("ERROR images/extra.png: file is not referenced") for m in found)
    assert "ERROR images/surgery.svg: treatments[3].illustration: image is missing" in found


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        ("<script>alert(1)</script>", "contains a script"),
        ('<rect width="5" height="5" onclick="x()"/>', "has an event attribute (onclick)"),
        ("<foreignObject><div/></foreignObject>", "contains a foreignObject"),
        ('<use xlink:href="http://example.org/a.svg#x"/>', "refers to something outside the file"),
        ('<image href="file:///etc/passwd"/>', "refers to something outside the file"),
        (
            '<rect width="5" height="5" fill="url(http://x/y)"/>',
            "refers to something outside the file",
        ),
        ("<style>@import url(x.css);</style>", "imports an outside style sheet"),
    ],
)
def test_unsafe_svg_is_refused(bundle: Path, svg: str, reason: str) -> None:
    (bundle / "images" / "botox.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' viewBox="0 0 10 10">{svg}</svg>'
    )
    found = [m for m in messages(bundle) if m.startswith("ERROR images/botox.svg")]
    assert any(reason in m for m in found), found


def test_svg_with_doctype_and_entities_is_refused(bundle: Path) -> None:
    (bundle / "images" / "botox.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
        '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    assert any("DOCTYPE or entities" in m for m in messages(bundle))


def test_broken_png_and_wrong_image_type(bundle: Path) -> None:
    edit(bundle / "bundle.toml", "images/botox.svg", "images/botox.png")
    edit(bundle / "bundle.toml", "images/surgery.svg", "images/surgery.gif")
    (bundle / "images" / "botox.svg").rename(bundle / "images" / "botox.png")
    (bundle / "images" / "surgery.svg").rename(bundle / "images" / "surgery.gif")
    found = messages(bundle)
    assert "ERROR images/botox.png: treatments[2].illustration: not a valid PNG file" in found
    assert any("images/surgery.gif" in m and "must be .svg or .png" in m for m in found)


@pytest.mark.parametrize(
    ("markdown", "reason"),
    [
        ("See [our site](https://town-pt.com).", "link is not allowed"),
        ("```\ncode\n```", "code block is not allowed"),
        ("<b>bold</b> text", "HTML is not allowed"),
        ("> a quote", "block quote is only allowed as a callout"),
        ("#### Small heading", "heading level 4 is not allowed"),
        ("![x](images/botox.svg)", "image is not allowed"),
    ],
)
def test_markdown_outside_the_subset_is_refused(bundle: Path, markdown: str, reason: str) -> None:
    page = bundle / "pages" / "diagnosis.en.md"
    page.write_text(page.read_text() + "\n\n" + markdown + "\n")
    found = [m for m in messages(bundle) if m.startswith("ERROR pages/diagnosis.en.md: line ")]
    assert any(reason in m for m in found), found


def test_duplicate_ids_and_coordinates_out_of_range(bundle: Path) -> None:
    edit(bundle / "bundle.toml", 'id = "surgery"', 'id = "botox"')
    edit(bundle / "bundle.toml", "lat = 40.927", "lat = 140.927")
    found = messages(bundle)
    assert "ERROR bundle.toml: treatments[3].id: id 'botox' is used more than once" in found
    assert any(
        m.startswith(
            "ERROR bundle.toml: locations[0].lat: Input should be less than or equal to 90"
        )
        for m in found
    )


def test_missing_ui_string_and_placeholder(bundle: Path) -> None:
    manifest = bundle / "bundle.toml"
    text = manifest.read_text()
    es = text.index("[ui.es]")
    head, tail = text[:es], text[es:]
    tail = re.sub(r"\nback = .*", "", tail, count=1)
    tail = re.sub(r"(resetting_in = \").*?\"", r'\1pronto"', tail, count=1)
    manifest.write_text(head + tail)
    found = messages(bundle)
    assert "ERROR bundle.toml: ui.es.back: missing translation" in found
    assert "ERROR bundle.toml: ui.es.resetting_in: must contain {seconds}" in found


PLAIN_TREATMENT = """# Botox shots

A shot can relax a tight muscle. It is given by a doctor. You may need more than one.

## What it is

It is a shot in the muscle. The doctor uses a thin needle. It is quick.

## How it can help

The muscle can feel less tight. You may move with more ease. It can help for a while.

## What to expect

It takes a few days to work. The effect wears off in time. Then you can get another.

## Things to know

Tell your doctor how you feel. Ask about side effects. Keep doing your stretches.

## Questions to ask your doctor or therapist

- Is it right for me?
- How long will it last?
"""


def test_readability_errors_and_warnings(bundle: Path) -> None:
    hard = (
        "Pharmacological interventions targeting neuromuscular hyperexcitability necessitate "
        "individualized titration, comprehensive interdisciplinary evaluation, and longitudinal "
        "monitoring of anticipated adverse physiological consequences.\n"
    )
    page = bundle / "pages" / "surgery.en.md"
    page.write_text(page.read_text() + "\n" + hard * 3)
    # A plain page (grade 0.5) with one hard sentence lands between the aim and the limit.
    one_hard_sentence = bundle / "pages" / "botox.en.md"
    one_hard_sentence.write_text(PLAIN_TREATMENT + "\n" + hard)
    dificil = (
        "La administración farmacológica de relajantes musculares requiere una evaluación "
        "interdisciplinaria exhaustiva, individualizada y longitudinal de las consecuencias "
        "fisiológicas adversas previsiblemente asociadas a la intervención terapéutica.\n"
    )
    pagina = bundle / "pages" / "surgery.es.md"
    pagina.write_text(pagina.read_text() + "\n" + dificil * 3)
    found = messages(bundle, readability=True)
    assert any(
        m.startswith(
            "ERROR pages/surgery.en.md: treatments[3] (en).readability: Flesch-Kincaid grade is"
        )
        for m in found
    ), found
    assert any(
        m.startswith(
            "ERROR pages/surgery.es.md: treatments[3] (es).readability: Fernández Huerta is"
        )
        for m in found
    ), found
    assert any(
        m.startswith("WARNING pages/botox.en.md: treatments[2] (en).readability: Flesch-Kincaid")
        and m.endswith("expected grade 6 or lower")
        for m in found
    ), found
    # --no-readability skips the scores entirely.
    assert not any("readability" in m for m in messages(bundle, readability=False))


def test_past_review_date_is_a_warning_not_an_error(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        bundle / "bundle.toml",
        'text = "pages/disclaimer"\n',
        'text = "pages/disclaimer"\n'
        'review = { by = "A. Clinician, MD", on = 2025-06-01, due = 2026-01-01 }\n',
    )
    assert main(["bundle", "validate", "--no-readability", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "WARNING bundle.toml: disclaimer.review.due: review was due on 2026-01-01" in out


def test_every_problem_is_reported_in_one_run(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(bundle / "bundle.toml", 'website = "https://town-pt.com"', 'website = "town-pt.com"')
    (bundle / "pages" / "botox.es.md").unlink()
    (bundle / "stray.txt").write_text("left behind")
    assert main(["bundle", "validate", "--no-readability", str(bundle)]) == 1
    out = capsys.readouterr().out
    assert "organization.website" in out
    assert "pages/botox.es.md" in out
    assert "stray.txt" in out
    assert "invalid, 3 error(s)" in out


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bundle", "validate", str(tmp_path / "nothing-here")]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["bundle", "validate"])
    assert exit_info.value.code == 2


def test_not_toml_and_missing_manifest(tmp_path: Path) -> None:
    assert messages(tmp_path) == [
        "ERROR bundle.toml: missing: every bundle folder needs a bundle.toml"
    ]
    (tmp_path / "bundle.toml").write_text("format = = 1")
    assert messages(tmp_path)[0].startswith("ERROR bundle.toml: not valid TOML")


# Random manifests never crash the validator: only clear problems come back.
_toml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)
_values = st.recursive(
    _toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "format",
        "id",
        "version",
        "languages",
        "notices",
        "locations_illustration",
        "organization",
        "disclaimer",
        "about",
        "treatments",
        "locations",
        "ui",
        "extra",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(manifest=st.dictionaries(_keys, _values, max_size=8))
def test_random_manifests_give_problems_not_exceptions(
    tmp_path: Path, manifest: dict[str, object]
) -> None:
    folder = tmp_path / "random"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    # TOML has no null; JSON-in-TOML keeps the generator simple: dump as inline values.
    lines = [f"{key} = {_toml(value)}" for key, value in manifest.items() if value is not None]
    (folder / "bundle.toml").write_text("\n".join(lines), encoding="utf-8")
    bundle, problems = validate_folder(folder, readability_checks=False, today=TODAY)
    assert bundle is None
    assert problems.errors
    json.dumps([str(p) for p in problems.items])  # every problem renders as text


def _toml(value: object) -> str:
    # JSON's string escapes (\uXXXX, \", \n ...) are all valid in TOML basic strings.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(pairs) + "}"
    return '""'
