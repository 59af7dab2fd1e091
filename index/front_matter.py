"""An article's front matter: reading it, and saying what is wrong with it in words a moderator can act on.

YAML (or TOML) between rules at the top of a file: title, date, url, source. Its slips (a colon in a title, an
unclosed bracket, a list where a line of text belongs) are the commonest reason an add is refused, and each
refusal must name what to change; ``index.documents`` reads the rest of the article.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from index.stamps import normalise_date, web_address

BOM = "\ufeff"
# "date 2021-02-10" (the seed corpus's form), and as people also write it: "Date: 2021-02-10".
DATE_HEADER = re.compile(r"\A\s*date(?:\s*:\s*|\s+)(\d{4}-\d{2}-\d{2})\b[ \t]*\r?\n?", re.IGNORECASE)
# The whole front matter block, whatever the line endings (python-frontmatter hands back a body with
# Windows line endings converted, which can then not be found in the file): YAML between "---" lines, or
# ended by "..." as pandoc writes it, or TOML between "+++" lines as Hugo writes it.
FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n(?P<toml>.*?)^\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL | re.MULTILINE,
)


class ArticleProblem(ValueError):
    """What makes a file no article, in words a moderator can act on (not a front-matter parse error)."""


# What other tools call the fields an article's metadata has: Hugo's "publishDate", Ghost's "published_at", a
# scraper's "headline" or "og:title", WordPress's "permalink". Each was ignored, and the article shown undated,
# unlinked or titled by its first sentence. Keys are compared without case, "_", "-", ":", "." or spaces.
ALIASES = {
    "title": ("headline", "ogtitle", "articletitle"),
    "date": ("published", "publishdate", "publishedat", "publishedon", "publisheddate", "datepublished",
             "pubdate", "publicationdate", "postdate"),
    "url": ("link", "canonical", "canonicalurl", "permalink", "sourceurl", "originalurl", "ogurl", "articleurl"),
    "source": ("publisher", "publication", "sitename", "ogsitename", "outlet"),
}
_FIELD_OF = {alias: field for field, aliases in ALIASES.items() for alias in (field, *aliases)}


def _field(key: str) -> str:
    """The field a front-matter key names: "datePublished" and "published_at" are the date."""
    folded = re.sub(r"[\s_:.-]+", "", key).lower()
    return _FIELD_OF.get(folded, key.lower())


def as_written(block: str, key: str, value: object) -> str:
    """A front-matter value shown to a moderator as the file has it: the rest of its ``key:`` line (or of a line
    of another spelling of the field, "published: …"), else (a value over several lines) a plain rendering. YAML
    reads "date: [2021-02-12]" as a list holding a date, and its Python form ("[datetime.date(2021, 2, 12)]") is
    nothing anybody wrote."""
    line = r"^[ \t]*([A-Za-z][\w:. -]*?)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$"  # "date: …", or TOML's "date = …"
    found = [(k, text) for k, text in re.findall(line, block, re.MULTILINE) if _field(k) == _field(key)]
    lines = sorted(found, key=lambda m: (m[0].lower() == key, m[0] == key))
    # The field's own lower-case key last, as it wins in front_matter; a comment after the value ("# export") is
    # no part of it, in YAML or TOML.
    written = [text if text[:1] in "'\"" else re.sub(r"[ \t]+#.*", "", text) for _, text in lines if text]
    if written:
        return written[-1]
    if isinstance(value, list | dict):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    return str(value)


# Front-matter fields shown as one line of text: a list or mapping there is refused (``refuse_unless_text``).
TEXT_FIELDS = ("title", "source", "url", "link")


def refuse_unless_text(block: str, meta: dict[str, Any]) -> None:
    """A title, source or url written as a list or mapping ("title: [a, b]") was shown in its Python form,
    "['a', 'b']", as every citation's title; a url so written was no link, with a note quoting that form."""
    for key in TEXT_FIELDS:
        value = meta.get(key)
        if isinstance(value, list | dict):
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise ArticleProblem(f"the front matter's {key} is {kind} ({as_written(block, key, value)}), not one "
                                 f"line of text: write it as {key}: followed by the text, in quotes if it starts with "
                                 "[ or {")


def clean_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def clean_line(value: object) -> str | None:
    """A title or source, shown on one line wherever it is listed: a YAML title with a line break in it
    ("…\n# Heading") broke the lines of the command line's and the terminal's sources and of Discord's plain
    list, and a control character (BEL, ESC) reached Discord and Slack as it was. A line break or tab, with the
    spaces around it, becomes one space; other control characters go; other spaces stay as written."""
    if value is None:
        return None
    text = "".join(ch for ch in str(value) if ch.isspace() or unicodedata.category(ch) != "Cc")
    return _BREAKS.sub(" ", text).strip() or None


# A line break of any kind (and a tab, a line's other control that is whitespace), with the spaces around it.
_BREAKS = re.compile(r"\s*[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]\s*")


def front_matter_problem(exc: Exception) -> str:
    """What is wrong with an article's front matter, in one line a moderator can act on (YAML's own message
    spans lines and names "<unicode string>"); the commonest slip, a title with a colon, says how to fix it.
    A bracket or quote never closed ("title: [broken") is found where the block runs out, on the closing "---":
    the line named is the one where it opened. YAML reads the block from the opening "---", so its line numbers
    are the file's."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
    context, opened = str(getattr(exc, "context", None) or ""), getattr(exc, "context_mark", None)
    unclosed = opened is not None and ("flow" in context or "quoted scalar" in context)
    if unclosed:
        mark = opened
    where = f" (line {mark.line + 1})" if mark is not None else ""
    hint = ('; a value with a colon in it needs quotes, e.g. title: "Twitter vs India: the row"'
            if "mapping values are not allowed" in problem else
            "; the [, { or quote that opens the value there is never closed (a value that starts with [ or { needs "
            'quotes around it, e.g. title: "[Exclusive] Twitter blocks accounts")' if unclosed else "")
    return f"bad front matter{where}: {problem}{hint}"


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a date that is no day ("date: 2021-02-30") is kept as the text written, to be refused
    as a day that does not exist: YAML's own error, "day is out of range for month", named neither the field nor
    the date."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


# The line a TOML error names, and a line there giving a value with a date's shape, unquoted: "date = 2021-02-30",
# "date = 2021-13-01" (TOML reads 2021 and stops), "date = 10/02/2021".
_TOML_LINE = re.compile(r".*\(at line (\d+), column \d+\)\Z", re.DOTALL)
_TOML_KEY_VALUE = re.compile(
    r"([ \t]*[A-Za-z_][\w.-]*[ \t]*=[ \t]*)(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[\dT:.+ Z-]*?)([ \t]*(?:#.*)?)")


def _toml(block: str) -> dict[str, Any]:
    """TOML front matter read from the opening line on (TOML numbers lines from a blank first one, so an error
    names the file's line). A date that is no day ("date = 2021-02-30") is kept as the text written, as YAML's is
    (``_Loader``), to be refused as a day that does not exist: TOML's own error, "Invalid date or datetime",
    named neither the field nor the date; for a month that does not exist, not even that it was about a date."""
    lines = ("\n" + block).split("\n")
    for _ in range(len(lines)):  # each bad date quoted in turn; a line is quoted at most once
        try:
            return tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as exc:
            bad = _TOML_LINE.match(str(exc))
            number = int(bad.group(1)) - 1 if bad else -1
            value = _TOML_KEY_VALUE.fullmatch(lines[number]) if 0 <= number < len(lines) else None
            if value is None:
                raise
            lines[number] = f"{value.group(1)}{json.dumps(value.group(2))}{value.group(3)}"
    return tomllib.loads("\n".join(lines))


def front_matter(block: str) -> dict[str, Any]:
    """The front matter's keys in lower case: "Title:" and "Date:" (as some editors write them) were
    ignored, and the article shown undated under its first sentence. A lower-case key wins a clash, and the
    field's own key wins over another spelling of it (``ALIASES``: "headline", "published_at"), which fills it
    when it is missing. Text
    between two rules that is no mapping ("---", a line of the story, "---") gives none. A list ("- a" lines) is
    refused (``ArticleProblem``): read as the story, it titled the article "• a" and lost, without a word, the
    metadata meant (an article that opens with a list between rules can draw them as "***")."""
    match = FRONT_MATTER.match(block)
    if match is None:
        return {}
    # Read from the opening line on (YAML takes "---" as a document's start; TOML a blank line), so that an error
    # names the line of the file.
    toml = match.group("toml")
    metadata = (_toml(toml) if toml is not None
                else YAMLHandler().load(block[: match.end("yaml")], Loader=_Loader))
    if isinstance(metadata, list):  # "- a" lines: the article was titled "• a", its metadata lost without a word
        raise ArticleProblem(f"{FRONT_MATTER_FORM}, not a list")
    if not isinstance(metadata, dict):
        return {}
    keys = sorted(metadata, key=lambda k: str(k) == str(k).lower())  # lower-case keys last, so they win
    found = {str(k).lower(): metadata[k] for k in keys}
    for key in keys:  # another spelling of a field fills it when the field's own key is not given
        field = _field(str(key))
        # Not with a yes or no: Jekyll's "published: true" says the post is out, not when (an upload was refused
        # for its date "true").
        if field != str(key).lower() and field not in found and not isinstance(metadata[key], bool):
            found[field] = metadata[key]
    return found


def unlinked_url(raw: str) -> str | None:
    """The front matter's ``url`` (or ``link``) as written, when it is given but is no web address: the
    article is added, but its citations show no link, which a moderator should hear of."""
    text = raw[1:] if raw.startswith(BOM) else raw
    block = FRONT_MATTER.match(text)
    if not block:
        return None
    try:
        meta = front_matter(block.group(0))
    except Exception:  # broken front matter is refused elsewhere, with its own message
        return None
    written = clean_str(meta.get("url") or meta.get("link"))
    return written if written is not None and web_address(written) is None else None


def unreadable_date(raw: str) -> str | None:
    """The front matter's ``date`` as written, when it is given but cannot be read as a day: an upload
    with one is refused rather than shown undated without a word."""
    text = raw[1:] if raw.startswith(BOM) else raw
    block = FRONT_MATTER.match(text)
    if not block:
        header = DATE_HEADER.match(text)
        return header.group(1) if header and normalise_date(header.group(1)) is None else None
    written = front_matter(block.group(0)).get("date")
    if written is None or written == "" or normalise_date(written) is not None:
        return None
    return as_written(block.group(0), "date", written)


FRONT_MATTER_FORM = "front matter must be key: value lines (title, date, url, source)"
