"""A photo gallery's captions are its story, each a paragraph of its own.

A gallery page ("In pictures: …") tells its story in its pictures' captions, with little or no text beside them.
trafilatura, finding no paragraphs, read the page by its fallback, which ran the headline and every caption into
one paragraph: the title was quoted as the start of the first caption's sentence ("In pictures: the … strike
Commuters queue …"), and a credit between two captions ("Photo: Ledger staff") swallowed the next caption, left out
with it. On a page whose captions hold more words than its own paragraphs, each ``<figure>`` is read as a block and
its ``<figcaption>`` as a paragraph; an article's captions beside a longer story are left as the extractor reads
them (it leaves them out).
"""

from __future__ import annotations


def _words(element: object) -> int:
    return len("".join(element.itertext()).split())  # type: ignore[attr-defined]


def _in_figure(element: object) -> bool:
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if str(parent.tag).lower() == "figure":
            return True
        parent = parent.getparent()
    return False


def captions_as_paragraphs(tree: object) -> bool:
    """On a gallery page (see the module), make ``tree``'s figures blocks and their captions paragraphs; whether it
    did."""
    captions = list(tree.iter("figcaption"))  # type: ignore[attr-defined]
    if not captions:
        return False
    caption_words = sum(_words(c) for c in captions)
    story_words: int = sum(_words(p) for p in tree.iter("p") if not _in_figure(p))  # type: ignore[attr-defined, misc]
    if caption_words <= story_words:
        return False
    for figure in list(tree.iter("figure")):  # type: ignore[attr-defined]
        figure.tag = "div"
    for caption in captions:
        caption.tag = "p"
    return True
