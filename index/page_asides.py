"""A saved page's sidebar that is the story's own: a "Key dates" box, a fact box beside the text.

trafilatura drops every ``<aside>`` as page furniture. Most are (related stories, a newsletter sign-up, "Most
read"), but a story's sidebar holds its facts: a box of "Key dates" beside a strike story was lost whole, and
its days and figures could not be quoted. Such a sidebar is kept, as a block of the story where the page puts
it, when it is no furniture: mostly text, not links; no form (a sign-up box); not named or headed as related
links, a newsletter, an advert or sharing; and not a pull quote (its words printed again in the story, which
would be quoted twice).
"""

from __future__ import annotations

import re

# What a furniture sidebar is called, by its class, id or heading ("quote": a pull quote, a blockquote).
_CHROME = re.compile(
    r"related|newsletter|subscri|sign[\s_-]*up|advert|\bads?\b|promo|sponsor|popular|trending|most[\s_-]*read"
    r"|read[\s_-]*(?:more|next|also)|also[\s_-]*read|more[\s_-]*(?:from|on|stories)|recommend|share|social|follow"
    r"|comment|author[\s_-]*bio|about[\s_-]*the[\s_-]*author|nav|menu|widget|sidebar[\s_-]*ad|quote",
    re.IGNORECASE,
)
_FORM_TAGS = frozenset({"form", "input", "button", "select", "textarea", "iframe", "script"})
# Links are most of a list of other stories; a fact box's text is its own.
_MAX_LINK_SHARE = 0.4
_MIN_WORDS = 4
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "header", "strong", "b")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def _named_chrome(aside: object) -> bool:
    get = getattr(aside, "get", None)
    named = " ".join(str(get(key) or "") for key in ("class", "id", "role", "aria-label")) if get else ""
    if _CHROME.search(named):
        return True
    for heading in aside.iter(*_HEADINGS):  # type: ignore[attr-defined]
        return _CHROME.search(_text(heading)) is not None  # its first heading says what it is
    return False


def is_story_aside(aside: object, story_words: str) -> bool:
    """Whether ``aside`` (an lxml element) is the story's own sidebar (see the module); ``story_words`` is the
    rest of the page's text as ``_words`` gives it, to tell a pull quote."""
    text = _text(aside)
    if len(text.split()) < _MIN_WORDS or _named_chrome(aside):
        return False
    tags = [str(e.tag).lower() for e in aside.iter() if isinstance(e.tag, str)]  # type: ignore[attr-defined]
    if _FORM_TAGS.intersection(tags):
        return False
    linked: int = sum(len(_text(a)) for a in aside.iter("a"))  # type: ignore[attr-defined, misc]
    if linked > _MAX_LINK_SHARE * len(text):
        return False
    own = _words(text)
    return not own or own not in story_words


def keep_story_asides(tree: object) -> int:
    """Turn each of ``tree``'s story sidebars into a plain ``<section>`` the extractor keeps (its class and id,
    which may read as furniture to it, left out); returns how many."""
    asides = list(tree.iter("aside"))  # type: ignore[attr-defined]
    if not asides:
        return 0
    kept = 0
    for aside in asides:
        parent = aside.getparent()
        if parent is None:
            continue
        # The page's text without this sidebar: a pull quote's words are the story's, printed again.
        index = parent.index(aside)
        parent.remove(aside)
        story_words = _words(" ".join(tree.itertext()))  # type: ignore[attr-defined]
        parent.insert(index, aside)
        if is_story_aside(aside, story_words):
            aside.tag = "section"
            for key in ("class", "id", "role"):
                aside.attrib.pop(key, None)
            kept += 1
    return kept
