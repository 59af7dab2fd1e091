"""A saved page's blocks: its own sidebar kept and furniture dropped; a gallery's captions a paragraph each."""

from __future__ import annotations

from index.fetch_types import Page
from index.web_article import extract_article

STORY = ("<p>The ferry workers of Port Halden ended their strike on Tuesday after the harbour board agreed to "
         "restore the night shift allowance, union leaders said.</p>"
         "<p>The strike had stopped all crossings to the Kelmar islands for nine days, leaving hundreds of "
         "commuters stranded on the mainland.</p>")
KEY_DATES = ('<aside class="factbox sidebar"><h3>Key dates</h3><ul><li>3 March 2024: workers walk out</li>'
             "<li>9 March 2024: talks collapse</li><li>12 March 2024: board restores the allowance</li></ul></aside>")
RELATED = ('<aside><h3>Related stories</h3><ul><li><a href="/a">Harbour board names new chair today</a></li>'
           '<li><a href="/b">Kelmar ferry fares to rise next month</a></li></ul></aside>')
LINKS = ('<aside><ul><li><a href="/a">Harbour board names new chair today</a></li>'
         '<li><a href="/b">Kelmar ferry fares to rise next month</a></li></ul></aside>')
SIGN_UP = ('<aside><p>Get the Morning Brief from the Ledger every weekday.</p>'
           '<form><input type="email"><button>Go</button></form></aside>')
PULL_QUOTE = ("<aside><p>The strike had stopped all crossings to the Kelmar islands for nine days</p></aside>")


def _body(*asides: str) -> str:
    html = (f"<html><head><title>Ferry strike ends in Port Halden</title></head><body><article>"
            f"<h1>Ferry strike ends in Port Halden</h1>{STORY[:STORY.index('</p>') + 4]}{''.join(asides)}"
            f"{STORY[STORY.index('</p>') + 4:]}</article></body></html>")
    url = "https://ledger.example.org/ferry"
    return extract_article(Page(url, url, html.encode("utf-8"), "utf-8")).text


def test_a_key_dates_sidebar_is_kept_with_the_story() -> None:
    text = _body(KEY_DATES)
    assert "Key dates" in text and "9 March 2024: talks collapse" in text
    assert text.index("Port Halden ended") < text.index("Key dates") < text.index("nine days")


def test_a_sidebar_of_furniture_is_still_dropped() -> None:
    text = _body(RELATED, LINKS, SIGN_UP)
    assert "chair" not in text and "Morning Brief" not in text and "Related" not in text


def test_a_pull_quote_is_not_printed_twice() -> None:
    assert _body(PULL_QUOTE).count("nine days") == 1


GALLERY = ("<html><head><title>In pictures: the Kelmar ferry strike</title></head><body><article>"
           "<h1>In pictures: the Kelmar ferry strike</h1>"
           "<figure><img src='1.jpg'><figcaption>Commuters queue at the Port Halden terminal on the first morning of "
           "the strike, 3 March 2024. Photo: Ledger staff</figcaption></figure>"
           "<figure><img src='2.jpg'><figcaption>Union secretary Alma Verrin addresses striking crews outside the "
           "harbour board offices.</figcaption></figure>"
           "<figure><img src='3.jpg'><figcaption>An empty ferry berth at Kelmar North, where crossings stopped for "
           "nine days.</figcaption></figure></article></body></html>")


def test_a_gallerys_captions_are_paragraphs_of_their_own() -> None:
    """The fallback reader ran headline and captions into one paragraph: the title opened the first caption's
    sentence, and the credit swallowed the second caption."""
    url = "https://ledger.example.org/gallery"
    article = extract_article(Page(url, url, GALLERY.encode("utf-8"), "utf-8"))
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Commuters queue") and "In pictures" not in article.text
    assert "Union secretary Alma Verrin addresses striking crews outside the harbour board offices." in paragraphs


def test_an_articles_captions_beside_its_story_are_left_as_they_were() -> None:
    html = (f"<html><head><title>Ferry strike ends</title></head><body><article><h1>Ferry strike ends</h1>{STORY}"
            "<figure><img src='a.jpg'><figcaption>Crews at the terminal.</figcaption></figure>"
            "</article></body></html>")
    url = "https://ledger.example.org/ferry"
    assert "Crews at the terminal" not in extract_article(Page(url, url, html.encode("utf-8"), "utf-8")).text
