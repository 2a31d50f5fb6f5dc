"""The restricted Markdown of page files: checking the subset, splitting pages, rendering.

Pages allow headings, paragraphs, bullet lists, bold and italic, nothing else. Rendering produces
the small HTML subset that Qt Quick's `Text.StyledText` understands.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kiosk.content.bundle import PageText, Section

_md = MarkdownIt("commonmark", {"html": False})
# Checking parses with HTML on, so that raw HTML is reported instead of shown as literal text.
_md_check = MarkdownIt("commonmark", {"html": True})

_BLOCK_ALLOWED = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
}
_INLINE_ALLOWED = {"text", "softbreak", "strong_open", "strong_close", "em_open", "em_close"}
_NAMES = {
    "ordered_list_open": "numbered list",
    "blockquote_open": "block quote",
    "code_block": "code block",
    "fence": "code block",
    "hr": "horizontal rule",
    "html_block": "HTML",
    "html_inline": "HTML",
    "link_open": "link",
    "image": "image",
    "code_inline": "inline code",
    "hardbreak": "hard line break",
}


@dataclass(frozen=True)
class MarkupIssue:
    line: int
    message: str


def check_subset(source: str) -> list[MarkupIssue]:
    """Every construct outside the allowed subset, with its line number (1-based)."""
    issues: list[MarkupIssue] = []
    line = 1
    for token in _md_check.parse(source):
        if token.map:
            line = token.map[0] + 1
        if token.type.endswith("_close"):
            continue
        if token.type not in _BLOCK_ALLOWED:
            name = _NAMES.get(token.type, token.type.replace("_open", "").replace("_", " "))
            issues.append(MarkupIssue(line, f"{name} is not allowed"))
        elif token.type == "heading_open" and token.tag not in ("h1", "h2", "h3"):
            issues.append(
                MarkupIssue(
                    line, f"heading level {token.tag[1:]} is not allowed (use #, ## or ###)"
                )
            )
        elif token.type == "inline":
            for child in token.children or []:
                if child.type not in _INLINE_ALLOWED and not child.type.endswith("_close"):
                    name = _NAMES.get(child.type, child.type.replace("_open", "").replace("_", " "))
                    issues.append(MarkupIssue(line, f"{name} is not allowed"))
    # Report a construct once per line even when it appears several times there.
    unique: dict[tuple[int, str], MarkupIssue] = {(i.line, i.message): i for i in issues}
    return list(unique.values())


def _inline_html(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(html.escape(child.content, quote=False))
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "strong_open":
            parts.append("<b>")
        elif child.type == "strong_close":
            parts.append("</b>")
        elif child.type == "em_open":
            parts.append("<i>")
        elif child.type == "em_close":
            parts.append("</i>")
    return "".join(parts)


def _inline_plain(token: Token) -> str:
    return "".join(
        " " if c.type == "softbreak" else c.content
        for c in token.children or []
        if c.type in ("text", "softbreak")
    ).strip()


def _render(tokens: list[Token]) -> tuple[str, str]:
    """HTML for Text.StyledText and plain text (for speech and search) of a run of blocks."""
    out: list[str] = []
    plain: list[str] = []
    for token in tokens:
        if token.type == "paragraph_open" and not token.hidden:
            out.append("<p>")
        elif token.type == "paragraph_close" and not token.hidden:
            out.append("</p>")
        elif token.type == "bullet_list_open":
            out.append("<ul>")
        elif token.type == "bullet_list_close":
            out.append("</ul>")
        elif token.type == "list_item_open":
            out.append("<li>")
        elif token.type == "list_item_close":
            out.append("</li>")
        elif token.type == "heading_open":
            out.append("<p><b>")
        elif token.type == "heading_close":
            out.append("</b></p>")
        elif token.type == "inline":
            out.append(_inline_html(token))
            plain.append(_inline_plain(token))
    return "".join(out), "\n".join(plain)


def split_page(source: str) -> tuple[PageText | None, list[MarkupIssue]]:
    """Splits a page into title, summary and `##` sections; issues when it has no `# Title`."""
    tokens = _md.parse(source)
    issues: list[MarkupIssue] = []
    title = ""
    start = 0
    if len(tokens) >= 2 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = _inline_plain(tokens[1])
        start = 3
    else:
        issues.append(MarkupIssue(1, "the page must start with a '# Title' line"))
    for token in tokens[start:]:
        if token.type == "heading_open" and token.tag == "h1":
            line = token.map[0] + 1 if token.map else 1
            issues.append(MarkupIssue(line, "only one '# Title' heading is allowed per page"))

    chunks: list[tuple[str | None, list[Token]]] = [(None, [])]
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h2":
            chunks.append((_inline_plain(tokens[index + 1]), []))
            index += 3
            continue
        chunks[-1][1].append(token)
        index += 1

    summary_html, summary_plain = _render(chunks[0][1])
    sections = []
    for heading, body in chunks[1:]:
        body_html, body_plain = _render(body)
        sections.append(Section(heading or "", body_html, body_plain))
    if issues:
        return None, issues
    return PageText(title, summary_html, summary_plain, tuple(sections)), []
