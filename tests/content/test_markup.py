"""Page Markdown -> the typed blocks the screen draws: a test per construct, and what is refused."""

from __future__ import annotations

import pytest

from kiosk.content.bundle import Callout, Heading, ListBlock, Paragraph, Span
from kiosk.content.markup import check_subset, parse_blocks, split_page


def messages(source: str) -> list[str]:
    return [f"{issue.line}: {issue.message}" for issue in check_subset(source)]


def test_paragraphs_join_their_lines_with_spaces() -> None:
    assert check_subset("One line\nand the next.\n\nA second one.") == []
    assert parse_blocks("One line\nand the next.\n\nA second one.") == (
        Paragraph((Span("One line and the next."),)),
        Paragraph((Span("A second one."),)),
    )


def test_emphasis_and_strong_become_styled_spans() -> None:
    assert parse_blocks("Go *slowly* and **stop** if it hurts.") == (
        Paragraph(
            (
                Span("Go "),
                Span("slowly", emphasis=True),
                Span(" and "),
                Span("stop", strong=True),
                Span(" if it hurts."),
            )
        ),
    )


def test_strong_and_emphasis_nest() -> None:
    assert parse_blocks("**very *much* so**") == (
        Paragraph(
            (
                Span("very ", strong=True),
                Span("much", strong=True, emphasis=True),
                Span(" so", strong=True),
            )
        ),
    )


def test_a_third_level_heading_is_a_heading_block() -> None:
    assert parse_blocks("### At home\n\nRest.") == (
        Heading((Span("At home"),)),
        Paragraph((Span("Rest."),)),
    )


def test_a_tight_bullet_list() -> None:
    (block,) = parse_blocks("- one\n- two")
    assert block == ListBlock(
        ordered=False,
        start=1,
        loose=False,
        items=((Paragraph((Span("one"),)),), (Paragraph((Span("two"),)),)),
    )


def test_a_loose_list_keeps_every_paragraph_of_an_item() -> None:
    (block,) = parse_blocks("- one\n\n  more about one\n\n- two")
    assert isinstance(block, ListBlock) and block.loose
    assert block.items == (
        (Paragraph((Span("one"),)), Paragraph((Span("more about one"),))),
        (Paragraph((Span("two"),)),),
    )


def test_nested_lists_stay_inside_their_item() -> None:
    (block,) = parse_blocks("- outer\n  - inner a\n  - inner b\n- last")
    assert isinstance(block, ListBlock)
    first, last = block.items
    assert first[0] == Paragraph((Span("outer"),))
    nested = first[1]
    assert isinstance(nested, ListBlock) and not nested.ordered
    assert [item[0] for item in nested.items] == [
        Paragraph((Span("inner a"),)),
        Paragraph((Span("inner b"),)),
    ]
    assert last == (Paragraph((Span("last"),)),)


def test_an_ordered_list_keeps_its_first_number() -> None:
    assert check_subset("3. three\n4. four") == []
    (block,) = parse_blocks("3. three\n4. four")
    assert isinstance(block, ListBlock)
    assert (block.ordered, block.start, len(block.items)) == (True, 3, 2)


def test_an_emergency_callout() -> None:
    source = "> [!EMERGENCY]\n> Call **911** if you cannot breathe.\n> - or go to the ER"
    assert check_subset(source) == []
    (block,) = parse_blocks(source)
    assert block == Callout(
        "emergency",
        (
            Paragraph((Span("Call "), Span("911", strong=True), Span(" if you cannot breathe."))),
            ListBlock(False, 1, False, ((Paragraph((Span("or go to the ER"),)),),)),
        ),
    )


def test_a_doctor_callout_with_its_marker_on_a_paragraph_of_its_own() -> None:
    source = "> [!DOCTOR]\n>\n> Call your doctor if the shaking gets worse."
    assert check_subset(source) == []
    assert parse_blocks(source) == (
        Callout("doctor", (Paragraph((Span("Call your doctor if the shaking gets worse."),)),)),
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("> Just a quote", "1: a block quote is only allowed as a callout"),
        ("> [!NOTE]\n> Hello", "1: a block quote is only allowed as a callout"),
        ("> [!EMERGENCY] Call 911", "1: a block quote is only allowed as a callout"),
        ("> [!EMERGENCY]", "1: the callout is empty"),
        ("- item\n\n  > [!DOCTOR]\n  > Call", "3: a callout must stand on its own"),
        ("> [!DOCTOR]\n> > [!DOCTOR]\n> > Call", "2: a callout must stand on its own"),
        ("> [!DOCTOR]\n> ### Heading", "2: a heading is not allowed inside a callout"),
    ],
)
def test_other_block_quotes_are_refused(source: str, expected: str) -> None:
    assert any(m.startswith(expected) for m in messages(source)), messages(source)


@pytest.mark.parametrize(
    "source",
    [
        "Hello <b>bold</b> text",
        '<img src="file:///etc/passwd">',
        "<div>\nA block\n</div>",
        "<!-- a comment -->",
        "A line <br> break",
    ],
)
def test_inline_html_and_html_blocks_are_refused(source: str) -> None:
    assert any("HTML is not allowed" in m for m in messages(source)), messages(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("See [our site](https://town-pt.com).", "a link is not allowed"),
        ("See <https://town-pt.com>.", "a link is not allowed"),
        ("[x]: https://a.example\n\nSee [x].", "a link is not allowed"),
        ("![x](images/botox.svg)", "an image is not allowed"),
        ("![x](file:///etc/passwd)", "an image is not allowed"),
        ("Use `code`.", "inline code is not allowed"),
        ("#### Small", "heading level 4 is not allowed"),
    ],
)
def test_links_images_and_other_constructs_are_refused(source: str, expected: str) -> None:
    assert any(expected in m for m in messages(source)), messages(source)


def test_escaped_and_entity_forms_stay_literal_text() -> None:
    source = "\\<img src=x> and &lt;b&gt; and &#60;i&#62;"
    assert check_subset(source) == []
    assert parse_blocks(source) == (
        Paragraph((Span("<img src=x> and &lt;b&gt; and &#60;i&#62;"),)),
    )


def test_a_page_splits_into_title_summary_and_sections() -> None:
    page, issues = split_page("# Title\n\nIntro.\n\n## First\n\n- a\n\n## Second\n\nText.")
    assert issues == [] and page is not None
    assert page.title == "Title"
    assert page.summary == (Paragraph((Span("Intro."),)),)
    assert [s.heading for s in page.sections] == ["First", "Second"]
    assert page.blocks == (
        Paragraph((Span("Intro."),)),
        ListBlock(False, 1, False, ((Paragraph((Span("a"),)),),)),
        Paragraph((Span("Text."),)),
    )
