"""Parsed text spans as markup of the app's own making: every character from the bundle escaped,
then the span's style wrapped around it. Standard library only (the patient start path uses it)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.content.bundle import Spans


def escape_text(text: str) -> str:
    """html.escape(text, quote=False), without importing `html` (and its entity table) at start."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def spans_markup(
    spans: Spans, *, emphasis: str, strong: str, escape: Callable[[str], str] = escape_text
) -> str:
    """The spans joined, each escaped and wrapped in the `emphasis` and `strong` tags it needs."""
    out: list[str] = []
    for span in spans:
        text = escape(span.text)
        if span.emphasis:
            text = f"<{emphasis}>{text}</{emphasis}>"
        if span.strong:
            text = f"<{strong}>{text}</{strong}>"
        out.append(text)
    return "".join(out).strip()
