"""The page editor's rules: what a page cannot hold cannot be typed; the rest can."""

from __future__ import annotations

import pytest

from kiosk.studio.page_text import edit_refusal, page_issues

PAGE = "# Botox shots\n\nA doctor can help a tight muscle.\n\n## What it is\n\nText.\n"


@pytest.mark.parametrize(
    ("added", "reason"),
    [
        ("See [our site](https://town-pt.com).", "Links cannot be followed"),
        ("<https://town-pt.com>", "Links cannot be followed"),
        ("![a photo](photo.png)", "Pictures cannot go inside the text"),
        ("Press <b>here</b>.", "HTML tags cannot be shown"),
        ("<div>box</div>", "HTML tags cannot be shown"),
        ("| Drug | Dose |\n| --- | --- |\n| a | b |", "Tables cannot be shown"),
        ("```\ncode\n```", "Code blocks cannot be shown"),
        ("Type `baclofen` here.", "Text between backticks"),
        ("---", "Dividing lines"),
        ("#### Small heading", "Headings smaller than ###"),
    ],
)
def test_what_a_page_cannot_hold_is_refused_with_a_reason(added: str, reason: str) -> None:
    refusal = edit_refusal(PAGE, PAGE + "\n" + added + "\n")
    assert refusal is not None and refusal.startswith(reason)


def test_the_allowed_formats_and_unfinished_typing_go_in() -> None:
    typed = ""
    callout = "> [!EMERGENCY]\n> Call 911 right away.\n"
    for char in callout:  # a callout typed key by key is never refused on the way
        typed += char
        assert edit_refusal(PAGE + "\n" + typed[:-1], PAGE + "\n" + typed) is None
    for added in ("**bold** and *italic*", "- one\n- two", "1. first\n2. second", "### Small"):
        assert edit_refusal(PAGE, PAGE + "\n" + added + "\n") is None
    assert edit_refusal(PAGE, "") is None  # emptying a page is allowed: the checks say so
    assert edit_refusal(PAGE, "A page without its title yet\n") is None


def test_a_hand_written_link_does_not_block_other_edits() -> None:
    with_link = PAGE + "\nSee [our site](https://town-pt.com).\n"
    assert edit_refusal(with_link, with_link.replace("Text.", "More text.")) is None
    assert page_issues(with_link)[0].message == "a link is not allowed"
    assert page_issues("No title\n")[0].message == "the page must start with a '# Title' line"
