"""The restricted Markdown of page files: checking the subset, and parsing a page into blocks.

Pages allow headings, paragraphs, bullet and numbered lists (nested too), bold and italic, and
two callouts written as GitHub-style alerts (`> [!EMERGENCY]`, `> [!DOCTOR]`). Nothing else:
no HTML, no links, no images, no other block quote. Parsing gives the typed blocks of
kiosk/content/bundle.py, which the screen draws as they are: no HTML is ever produced.

Character references (`&lt;`) are not decoded, so the screen shows exactly the characters the
reviewer reads in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kiosk.content.bundle import (
    Block,
    Blocks,
    Callout,
    CalloutLevel,
    Heading,
    ListBlock,
    PageText,
    Paragraph,
    Section,
    Span,
    Spans,
)

# HTML on, so that raw HTML is parsed as HTML and refused, never taken for text.
_md = MarkdownIt("commonmark", {"html": True}).disable("entity")
# Every link and image is parsed as one (and refused), whatever it points to: markdown-it would
# otherwise leave a `file:` or `javascript:` one as text.
_md.validateLink = lambda url: True  # type: ignore[method-assign]

_BLOCK_ALLOWED = {
    "heading_open",
    "paragraph_open",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
    "inline",
}
_INLINE_ALLOWED = {"text", "softbreak", "strong_open", "em_open"}
_NAMES = {
    "code_block": "code block",
    "fence": "code block",
    "hr": "horizontal rule",
    "html_block": "HTML",
    "html_inline": "HTML",
    "link_open": "a link",
    "image": "an image",
    "code_inline": "inline code",
    "hardbreak": "hard line break",
    "table_open": "table",
}
_MARKER = re.compile(r"\[!([A-Za-z]+)\][ \t]*")
_LEVELS: dict[str, CalloutLevel] = {"EMERGENCY": "emergency", "DOCTOR": "doctor"}


@dataclass(frozen=True)
class MarkupIssue:
    line: int
    message: str


def _name(kind: str) -> str:
    return _NAMES.get(kind, kind.replace("_open", "").replace("_", " "))


def _line(token: Token, fallback: int) -> int:
    return token.map[0] + 1 if token.map else fallback


# The content studio checks the page being typed on every keystroke, and every other page again:
# results are kept by text (pages are at most 64 KiB; a few dozen are kept).
_CACHED_PAGES = 64


def check_subset(source: str) -> list[MarkupIssue]:
    """Every construct outside the allowed subset, with its line number (1-based)."""
    return list(_subset_issues(source))


@lru_cache(maxsize=_CACHED_PAGES)
def _subset_issues(source: str) -> tuple[MarkupIssue, ...]:
    issues: list[MarkupIssue] = []
    tokens = _md.parse(source)
    line = 1
    quote_depth = 0
    for index, token in enumerate(tokens):
        line = _line(token, line)
        if token.type == "blockquote_close":
            quote_depth -= 1
        if token.type.endswith("_close"):
            continue
        if token.type not in _BLOCK_ALLOWED:
            issues.append(MarkupIssue(line, f"{_name(token.type)} is not allowed"))
        elif token.type == "heading_open" and token.tag not in ("h1", "h2", "h3"):
            message = f"heading level {token.tag[1:]} is not allowed (use #, ## or ###)"
            issues.append(MarkupIssue(line, message))
        elif token.type == "heading_open" and quote_depth:
            issues.append(MarkupIssue(line, "a heading is not allowed inside a callout"))
        elif token.type == "blockquote_open":
            issues.extend(_check_callout(tokens, index, line, token.level))
            quote_depth += 1
        elif token.type == "inline":
            for child in token.children or []:
                if child.type not in _INLINE_ALLOWED and not child.type.endswith("_close"):
                    issues.append(MarkupIssue(line, f"{_name(child.type)} is not allowed"))
    # Report a construct once per line even when it appears several times there.
    unique: dict[tuple[int, str], MarkupIssue] = {(i.line, i.message): i for i in issues}
    return tuple(unique.values())


def _check_callout(tokens: list[Token], index: int, line: int, level: int) -> list[MarkupIssue]:
    if level != 0:
        return [MarkupIssue(line, "a callout must stand on its own, not inside a list or quote")]
    inline = tokens[index + 2] if index + 2 < len(tokens) else None
    if tokens[index + 1].type != "paragraph_open" or inline is None or inline.type != "inline":
        return [MarkupIssue(line, _CALLOUT_HELP)]
    first, _, rest = inline.content.partition("\n")
    marker = _MARKER.fullmatch(first)
    if marker is None or marker.group(1) not in _LEVELS:
        return [MarkupIssue(line, _CALLOUT_HELP)]
    closing = tokens[index + 4] if index + 4 < len(tokens) else None
    if not rest.strip() and closing is not None and closing.type == "blockquote_close":
        return [MarkupIssue(line, "the callout is empty: write what to do under its first line")]
    return []


_CALLOUT_HELP = (
    "a block quote is only allowed as a callout: its first line must be [!EMERGENCY] or "
    "[!DOCTOR], alone"
)


# -- parsing into blocks -----------------------------------------------------------------------
def _spans(token: Token, skip_marker: bool = False) -> Spans:
    """The styled runs of an inline token; adjacent runs of one style are joined."""
    children = list(token.children or [])
    if skip_marker:  # drop the `[!EMERGENCY]` line of a callout
        breaks = [i for i, c in enumerate(children) if c.type == "softbreak"]
        children = children[breaks[0] + 1 :] if breaks else []
    out: list[Span] = []
    strong = emphasis = 0
    for child in children:
        if child.type in ("strong_open", "strong_close"):
            strong += 1 if child.type == "strong_open" else -1
        elif child.type in ("em_open", "em_close"):
            emphasis += 1 if child.type == "em_open" else -1
        elif child.type == "softbreak" or (child.type == "text" and child.content):
            text = " " if child.type == "softbreak" else child.content
            span = Span(text, strong > 0, emphasis > 0)
            if out and (out[-1].strong, out[-1].emphasis) == (span.strong, span.emphasis):
                span = Span(out[-1].text + text, span.strong, span.emphasis)
                out.pop()
            out.append(span)
    return tuple(out)


def plain(spans: Spans) -> str:
    return "".join(span.text for span in spans).strip()


class _Parser:
    """Turns a run of block tokens into blocks; `pos` walks the tokens."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def blocks(self, until: str | None = None) -> Blocks:
        out: list[Block] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if until is not None and token.type == until:
                self.pos += 1
                break
            block = self.block(token)
            if block is not None:
                out.append(block)
        return tuple(out)

    def block(self, token: Token) -> Block | None:
        kind = token.type
        if kind == "paragraph_open":
            spans = _spans(self.tokens[self.pos + 1])
            self.pos += 3
            return Paragraph(spans)
        if kind == "heading_open":
            spans = _spans(self.tokens[self.pos + 1])
            self.pos += 3
            return Heading(spans)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list_block(token)
        if kind == "blockquote_open":
            return self.callout()
        self.pos += 1  # anything else was refused by check_subset
        return None

    def list_block(self, token: Token) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(token.attrs.get("start", 1)) if ordered else 1
        self.pos += 1
        items: list[Blocks] = []
        loose = False
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close:
            self.pos += 1  # list_item_open
            first = self.tokens[self.pos]
            loose = loose or (first.type == "paragraph_open" and not first.hidden)
            items.append(self.blocks(until="list_item_close"))
        self.pos += 1
        return ListBlock(ordered, start, loose, tuple(items))

    def callout(self) -> Callout | None:
        inline = self.tokens[self.pos + 2]
        marker = _MARKER.match(inline.content)
        level = _LEVELS.get(marker.group(1) if marker else "", "doctor")
        self.pos += 1
        blocks = list(self.blocks(until="blockquote_close"))
        first = blocks[0] if blocks else None
        if isinstance(first, Paragraph):
            rest = _spans(inline, skip_marker=True)
            blocks[0:1] = [Paragraph(rest)] if plain(rest) else []
        return Callout(level, tuple(blocks))


def parse_blocks(source: str) -> Blocks:
    """Every block of a Markdown text (used for pages and their parts)."""
    return _Parser(_md.parse(source)).blocks()


def split_page(source: str) -> tuple[PageText | None, list[MarkupIssue]]:
    """Splits a page into title, summary and `##` sections; issues when it has no `# Title`."""
    page, issues = _split(source)
    return page, list(issues)


@lru_cache(maxsize=_CACHED_PAGES)
def _split(source: str) -> tuple[PageText | None, tuple[MarkupIssue, ...]]:
    tokens = _md.parse(source)
    issues: list[MarkupIssue] = []
    title = ""
    start = 0
    if len(tokens) >= 2 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = plain(_spans(tokens[1]))
        start = 3
    else:
        issues.append(MarkupIssue(1, "the page must start with a '# Title' line"))
    for token in tokens[start:]:
        if token.type == "heading_open" and token.tag == "h1":
            issues.append(MarkupIssue(_line(token, 1), "only one '# Title' heading is allowed"))

    chunks: list[tuple[str | None, list[Token]]] = [(None, [])]
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            chunks.append((plain(_spans(tokens[index + 1])), []))
            index += 3
            continue
        chunks[-1][1].append(token)
        index += 1
    if issues:
        return None, tuple(issues)
    summary = _Parser(chunks[0][1]).blocks()
    sections = tuple(Section(heading or "", _Parser(body).blocks()) for heading, body in chunks[1:])
    return PageText(title, summary, sections), ()


def has_callout(blocks: Blocks, level: CalloutLevel) -> bool:
    return any(isinstance(b, Callout) and b.level == level for b in blocks)
