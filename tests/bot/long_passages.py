"""Next-best passages as a 👎 offers them, long enough (and with addresses long enough) to test what fits in
one platform message: shared by the Discord and Slack renderers' tests."""

from __future__ import annotations

from retrieval.types import Citation

URL = ("https://economictimes.indiatimes.com/tech/technology/twitter-restores-access-to-accounts-blocked-after-"
       "government-order/articleshow/81012345.cms?utm_source=newsletter&utm_medium=email")


def passage(n: int, size: int = 700) -> Citation:
    """Passage ``n`` (each one's words say which), ``size`` characters at most."""
    quote = (f"Passage {n}: the ministry said Twitter had been directed to block the accounts under Section 69A. "
             * (size // 90 + 1))[:size].rstrip()
    return Citation(doc_id=f"{n:03d}_abc", title=f"Twitter restores access to accounts blocked after order {n}",
                    date="2021-02-10", url=URL, quote=quote, start=0, end=len(quote), score=1.0)
