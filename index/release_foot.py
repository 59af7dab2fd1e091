"""A press release's foot, under its story: the end mark ("###", "-ENDS-") and reference initials ("RKV/MD"), the
contact block ("Media contact:", then the office, an e-mail address and a phone number, a line each) and the issuer's
boilerplate ("About the Norvanian Data Protection Authority", then a paragraph on what the issuer is). None is the
story: the contact block was quoted as "press@… +47 555 0142", and the boilerplate ("It … reports to Parliament")
answered a question about a parliament's vote. ``index.furniture`` asks these for the lines it leaves out."""

from __future__ import annotations

import re

END_MARK = re.compile(r"\s*(?:#{3}|[-–—*\s]*ends?[-–—*\s]*)\s*", re.IGNORECASE)
# A government press office's reference initials under a release, who drafted and cleared it ("RKV/MD", "DS/AK/SKS"),
# alone on their line: they were quoted as a sentence of the release.
INITIALS = re.compile(r"\s*[A-Z]{1,6}(?:\s*/\s*[A-Z]{1,6}){1,4}\s*")
_CONTACT_WORDS = r"\s*(?:for\s+)?(?:media|press|news)\s+(?:contacts?|enquiries|inquiries|queries)"
# A contact line ("Media contact: Press Office, press@…") or its heading alone ("Media contact:").
CONTACT = re.compile(rf"{_CONTACT_WORDS}\b.{{0,150}}", re.IGNORECASE)
CONTACT_HEADING = re.compile(rf"{_CONTACT_WORDS}\s*:?\s*", re.IGNORECASE)
# The heading over an issuer's boilerplate: "About <name>", short, no sentence of its own.
_ABOUT = re.compile(r"\s*about\s+(?:the\s+)?[A-Z0-9][^.!?]{1,80}", re.IGNORECASE)
# A heading after the boilerplate ("Notes to editors", "Media contact:"): short, ending no sentence.
_HEADING_CHARS = 60
_ENDS_SENTENCE = re.compile(r"[.!?…:;,]['\"’”)]*\s*$")


def boilerplate_lines(lines: list[str]) -> set[int]:
    """Indexes of ``lines`` that are an issuer's boilerplate: an "About <name>" heading and the paragraphs under it,
    up to the next heading, in a text that has a release's end mark or contact heading. Without either, "About the
    ministry's order" may head a part of the story."""
    stripped = [line.strip() for line in lines]
    if not any(END_MARK.fullmatch(line) or CONTACT_HEADING.fullmatch(line) for line in stripped if line):
        return set()
    out: set[int] = set()
    inside = False
    for n, line in enumerate(stripped):
        if not line:
            continue
        if _ABOUT.fullmatch(line) and not line[:1].islower() and len(line) <= _HEADING_CHARS + 30:
            inside = True
        elif inside and ((len(line) <= _HEADING_CHARS and not _ENDS_SENTENCE.search(line)) or CONTACT.match(line)):
            inside = False  # the next heading ends it
        if inside:
            out.add(n)
    return out
