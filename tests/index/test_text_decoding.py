"""Article bytes in a legacy encoding are read as the words their writer saw."""

from __future__ import annotations

import pytest

from index.text_decoding import decode_article

SPANISH = ("El niño José Peña dijo que la compañía española había bloqueado las cuentas después de la orden del "
           "ministerio, según el periódico. ") * 3
FRENCH = "Le ministère a déclaré que la société française devait se conformer à l'ordonnance, a-t-il ajouté. " * 3


@pytest.mark.parametrize(("text", "encoding"), [
    (SPANISH, "latin-1"), (SPANISH, "cp1252"), (FRENCH, "latin-1"), (FRENCH, "cp1252"),
])
def test_a_legacy_encoding_reads_as_written(text: str, encoding: str) -> None:
    """A Latin-1 "Niño … Peña" scored as well in cp1257 (Baltic) and was stored as "Nińo … Peńa"."""
    assert decode_article(text.encode(encoding)) == text
