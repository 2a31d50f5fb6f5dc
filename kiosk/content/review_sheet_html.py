"""Page blocks (kiosk/content/bundle.py) as HTML for the review sheet, every text escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from kiosk.content.bundle import Block, Blocks, Callout, Heading, ListBlock, Paragraph, Spans
from kiosk.content.spans import spans_markup

# A sign as well as a label and a border: the kind of a box never rests on colour alone.
_CALLOUT_SIGNS = {"emergency": "\u26a0", "doctor": "\u260e"}


def spans_html(spans: Spans) -> str:
    return spans_markup(spans, emphasis="em", strong="strong", escape=escape)


def _list_html(block: ListBlock, ui: Mapping[str, str]) -> str:
    items = "".join(f"<li>{blocks_html(item, ui)}</li>" for item in block.items)
    if block.ordered:
        return f'<ol start="{block.start}">{items}</ol>'
    return f"<ul>{items}</ul>"


def _callout_html(block: Callout, ui: Mapping[str, str]) -> str:
    label = escape(ui.get(f"callout_{block.level}", block.level))
    return (
        f'<div class="callout callout-{block.level}"><span class="label">'
        f"{_CALLOUT_SIGNS[block.level]} {label}</span>{blocks_html(block.blocks, ui)}</div>"
    )


def block_html(block: Block, ui: Mapping[str, str]) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{spans_html(block.spans)}</p>"
    if isinstance(block, Heading):
        return f"<h5>{spans_html(block.spans)}</h5>"
    if isinstance(block, ListBlock):
        return _list_html(block, ui)
    return _callout_html(block, ui)


def blocks_html(blocks: Blocks, ui: Mapping[str, str]) -> str:
    """Paragraphs, `###` headings, lists and callouts (labelled in the page's language)."""
    return "".join(block_html(block, ui) for block in blocks)
