"""A Markdown article's words without their markup, as the index stores, splits and quotes them.

Answers quote an article's text verbatim, and chat renders what they quote: "Twitter said [in a blog
post](https://…) that **it would not** comply" showed its link syntax and asterisks in Discord and Slack. An
article added as ``.md`` is therefore stored as the text a reader sees: link text without its address,
emphasis and code without their markers, HTML tags in a paragraph and HTML comments dropped (a block of other
HTML is kept as written), images dropped, ``> `` quote markers and heading hashes gone, and a bullet list's
markers shown as "•". Struck text (``~~every~~``) is words the author withdrew, and is dropped with its
markers: a quote must not hold it. A footnote's reference mark (``[^1]``) is dropped from its sentence, and
the footnote's text (``[^1]: The ministry's notice``) is kept, without its label, as a paragraph of its own
where it stands. Where a dropped span stood between two spaces, one of them goes with it. Every offset the
index keeps is one into this text, so a quote is still a slice of what is stored.

The Markdown is parsed by markdown-it-py (CommonMark, plus GitHub's ``~~strikethrough~~`` and, by
mdit-py-plugins, pandoc's footnotes; an inline footnote ``^[…]`` is not read, as it has no place of its own);
tables are not parsed, so a table stays a paragraph of ``|`` rows, one per line, as the event and stamp rules
read it. The text is rebuilt block by block from the parser's source map: a block whose words need no change
is kept exactly as written (a Markdown file without markup reads as it did), a block with markup is replaced
by its plain text, and lines that are markup alone (a rule, a link reference, a lone ``>``) are left empty.
Two blocks on adjacent lines (list items, a heading over its paragraph, a footnote under its sentence) are set
apart by a blank line, so that sentence splitting never reads them as one wrapped sentence once their markers
are gone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# markdown-it counts lines as it does: "\r\n", "\r" and "\n" end one (str.splitlines also splits at \x0c,
# \u2028 and others, and the source map's line numbers would no longer match).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_HTML_COMMENT = re.compile(r"\s*<!--")
# Characters that start markup wherever they stand ("&amp;" is an entity, "<b>" a tag), and what starts a
# block at the beginning of a line (a heading, a quote, a list item, a rule or a heading's underline).
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>&~|])")
_BLOCK_START = re.compile(r"^(?:[#+=-]|\d{1,9}(?=[.)]))")
# Inline tokens whose text no reader sees (besides struck text).
_DROPPED = ("image", "html_inline", "footnote_ref")
# Blocks that hold no other blocks: one at the parser's nesting limit still has its text.
_LEAVES_OPEN = ("paragraph_open", "heading_open")


class NestedTooDeep(ValueError):
    """Quotes or lists nested deeper than markdown-it-py reads: it skips, without a word, whatever lies inside
    its limit (``maxNesting``, 20 levels, a list counting two: the list and its item), so that text would be
    missing from the article (3,000 nested "> " read as an empty article). ``line``: the line of ``markdown``
    (0-based) where the block past the limit opens."""

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(f"its Markdown nests quotes (>) or lists too deep: the Markdown reader reads {limit - 1} "
                         "levels of quotes and lists inside each other at most (a list counts two) and skips the text "
                         "inside, so it would be lost; remove the extra > or list indentation, or add the article as "
                         ".txt")
        self.line = line


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Footnote definitions stay where they are written (``move_to_end``), so that blocks come in source order.
    return MarkdownIt("commonmark").enable("strikethrough").use(footnote_plugin, inline=False, move_to_end=False)


def _inline_text(children: Sequence[Token]) -> str:
    """What a reader sees of a paragraph or heading: text and code, line breaks as line breaks; images,
    HTML tags, footnote marks and struck text dropped, and the opening and closing of links and emphasis."""
    parts: list[str] = []
    struck = 0  # how many strikethrough spans are open
    dropped = False  # a span was dropped since the last text
    for token in children:
        if token.type in ("s_open", "s_close"):
            struck += token.nesting
            dropped = True
        elif struck or token.type in _DROPPED:
            dropped = True
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.nesting == 0 and token.content:
            text = token.content
            if dropped and text[0] in " \t" and parts and parts[-1][-1] in " \t":
                text = text[1:]  # "blocked ~~every~~ all": one space left between the words
            if text:
                parts.append(text)
                dropped = False
    return "\n".join(line.strip() for line in "".join(parts).split("\n")).strip()


def _leaf_text(token: Token) -> str | None:
    """The plain text of one leaf block; None for a block kept as written (HTML other than a comment)."""
    if token.type == "inline":
        return _inline_text(token.children or [])
    if token.type in ("fence", "code_block"):
        return token.content.strip("\r\n")
    if token.type == "html_block":
        return "" if _HTML_COMMENT.match(token.content) else None
    return ""  # a rule


def _blocks(markdown: str) -> list[tuple[int, int, str | None]]:
    """(first line, end line, plain text) of each leaf block in order. A list item's first line keeps a
    marker a chat client shows as it is: "• " for a bullet, its number for an ordered item ("2. "). A list
    item states a fact without a full stop ("- Posts of up to 400 characters"), and only its marker tells the
    answer layer it is one (``retrieval.answer_like.is_answer_like``), not a heading."""
    out: list[tuple[int, int, str | None]] = []
    lists: list[str] = []  # the open lists, innermost last
    marker = ""  # for the next leaf: the first of a list item
    limit = _parser().options["maxNesting"]
    for token in _parser().parse(markdown):
        if token.nesting == 1 and token.level >= limit - 1 and token.type not in _LEAVES_OPEN:
            raise NestedTooDeep(token.map[0] if token.map else 0, limit)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            marker = "• " if lists and lists[-1] == "bullet_list_open" else f"{token.info}{token.markup} "
        if token.map is None or token.type not in ("inline", "fence", "code_block", "html_block", "hr"):
            continue
        text = _leaf_text(token)
        if marker and text:
            text = marker + text
        marker = ""
        out.append((token.map[0], token.map[1], text))
    return out


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _unchanged(source: str, text: str) -> bool:
    """Whether ``text`` has the words of ``source`` line for line (indentation and trailing spaces aside)."""
    return [line.strip() for line in source.splitlines()] == [line.strip() for line in text.split("\n")]


def article_markdown(meta: Mapping[str, object], text: str) -> str:
    """A stored ``.md`` article: the given metadata as YAML front matter (empty values left out) over the plain
    ``text`` escaped, so that a page fetched by its address and a PDF converted on add are read back like a
    hand-written article, with the words they were extracted with."""
    kept = {key: value for key, value in meta.items() if value}
    header = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{escaped(text)}\n"


def escaped(text: str) -> str:
    """Plain ``text`` as Markdown that reads back (``plain_text``) as the same words, for a page fetched by
    its address, which is stored as ``.md`` with its metadata: trafilatura gives the story as plain text, and
    a line "1. Twitter must comply" or a word "*sic*" in it would otherwise be read as markup. Each line loses
    its indentation, which Markdown reads as code."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_MARKUP.sub(r"\\\1", line.lstrip(" \t"))
        match = _BLOCK_START.match(line)
        if match:  # "\# ", "\- ", "1\. ": the character that would open the block, escaped
            at = match.end() if match.group(0)[0].isdigit() else 0
            line = f"{line[:at]}\\{line[at:]}"
        lines.append(line)
    return "\n".join(lines)


def plain_text(markdown: str) -> str:
    """``markdown`` as the words a reader sees (see the module docstring)."""
    lines = _LINE.findall(markdown)
    out: list[str] = []
    cursor = 0
    written = False  # a block's text is out, and the next one must not touch it
    for start, end, text in _blocks(markdown):
        if text == "":
            continue  # markup alone: its lines are left empty with the rest between blocks
        gap = lines[cursor:start]
        out += [line if not line.strip() else _ending(line) for line in gap]
        if written and not any(not line.strip() for line in gap):
            out.append("\n")
        source = "".join(lines[start:end])
        if text is None or _unchanged(source, text):
            out.append(source)
        else:
            out.append(text + _ending(lines[end - 1]))
        written = True
        cursor = end
    out += [line if not line.strip() else _ending(line) for line in lines[cursor:]]
    return "".join(out)
