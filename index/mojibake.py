"""Curly quotes and accents garbled by a wrong decoding read as they were written.

A story copied from a page its site served with the wrong charset, or pasted through a tool that read UTF-8 as
Windows-1252, carries each curly quote, dash or accent as two or three letters: "Thursdayâ€™s deadline", "Ã©",
"â€œemergencyâ€\u009d". The file itself is valid UTF-8, so nothing is detected on reading it
(``index.text_decoding``), and every quote showed the garbage. Each such run is put back when its characters,
taken as the Windows-1252 (or Latin-1) bytes they were read from, are one UTF-8 character: "â€™" is "’", "Ã©" is
"é". Real text never writes those runs ("Ã" then "©"); a run that is no UTF-8 character ("é»" in «café») stays.
"""

from __future__ import annotations

import re

# A UTF-8 lead byte read as Windows-1252 ("Â".."ô"), then one to three continuation bytes read so: the Latin-1
# range U+0080-U+00BF, and the characters Windows-1252 puts at 0x80-0x9F.
_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                  "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")


def _bytes_read_as(text: str) -> bytes | None:
    """The bytes ``text`` was decoded from as Windows-1252 (Latin-1 for the five bytes it leaves undefined)."""
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x100:
            out.append(ord(ch))
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _mended(match: re.Match[str]) -> str:
    run = match.group()
    for end in range(len(run), 1, -1):  # the longest UTF-8 character the run opens with
        raw = _bytes_read_as(run[:end])
        try:
            char = raw.decode("utf-8") if raw is not None else ""
        except UnicodeDecodeError:
            continue
        if len(char) == 1:
            return char + run[end:]
    return run


def mojibake_mended(text: str) -> str:
    """``text`` with each curly quote, dash or accent garbled by a Windows-1252 reading put back (see the
    module)."""
    return _RUN.sub(_mended, text)
