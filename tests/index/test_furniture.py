from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import split_sentences
from index.corpus_files import load_corpus
from index.documents import parse_article
from index.furniture import is_caption, is_furniture, story_sentences

SEED = Path(__file__).resolve().parents[2] / "corpus"
TRAINING = Path(__file__).resolve().parents[2] / "training"


# A news page saved from a browser with "Save as text": its menu, chrome and cookie banner above the story, a
# block of links to other stories inside it, and a share bar, more links and the footer below.
SAVED_PAGE = """Skip to main content
Home | India | World | Business | Tech
Subscribe now
Sign in
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Accept all cookies
Home > India > News
Traders near the protest site switch to a homegrown app as the Twitter row simmers
By Asha Verma | Feb 11, 2021, 09:15 IST

NEW DELHI: Shopkeepers in the lanes behind the protest site say they have started posting price lists on the \
homegrown app, as the standoff with Twitter over blocking orders drags on.

Also Read
Farmers plan a road blockade on February 6
Government writes to Twitter again over blocked handles

The traders' association said it had not asked its members to leave Twitter.

Share this article Facebook Twitter WhatsApp
More from India
Cold wave grips the capital as the mercury dips to 3 degrees
© 2021 The Example Ledger. All rights reserved.
About us | Contact | Terms of use | Privacy policy
"""


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in story_sentences(text, split_sentences(text))]


def test_a_page_saved_as_text_is_titled_and_dated_by_its_story_not_its_cookie_banner() -> None:
    """The cookie banner titled every citation ("We use cookies to improve your experience."), and the byline's
    stamp, the eighth line, came after six lines of menus and chrome: the article was shown undated."""
    doc = parse_article(SAVED_PAGE, "page", "page.txt")
    assert doc.title == "Traders near the protest site switch to a homegrown app as the Twitter row simmers"
    assert doc.date == "2021-02-11"


def test_page_furniture_is_never_a_sentence_to_quote() -> None:
    """"Does the site use cookies?" was answered by quoting the banner; the related stories' headlines, the share
    bar and the copyright line could be quoted as the article's words too."""
    quoted = _sentences(SAVED_PAGE)
    assert quoted == [
        "Traders near the protest site switch to a homegrown app as the Twitter row simmers",
        "NEW DELHI: Shopkeepers in the lanes behind the protest site say they have started posting price lists on "
        "the homegrown app, as the standoff with Twitter over blocking orders drags on.",
        "The traders' association said it had not asked its members to leave Twitter.",
    ]


def test_links_heading_takes_only_the_headlines_under_it() -> None:
    """A links heading's block ends at the first line that ends a sentence: the story goes on there (a page
    copied with a paragraph per line, so no line break is read as wrapping)."""
    story = ("The ministry said on Friday that it had written to the company again, asking it to block the accounts "
             "named in the order within a week, as the order of January had asked.")
    text = f"Related stories\nMinisters open accounts on the homegrown app\n{story}\n"
    assert _sentences(text) == [story]


def test_headlines_read_as_one_sentence_across_a_wrapped_line_break_are_furniture_too() -> None:
    """Text with no long line is read as wrapped, and two related stories' headlines became one sentence, which
    lay on neither line alone and was kept."""
    text = ("Also Read\nFarmers plan a road blockade on February 6\nGovernment writes to Twitter again\n\n"
            "The ministry said in a statement on Friday that it had written to the company again.\n")
    assert _sentences(text) == ["The ministry said in a statement on Friday that it had written to the company again."]


def test_a_wrapped_paragraph_after_a_links_block_is_the_story() -> None:
    """Hard-wrapped text: the paragraph after the links goes on over lines that end no sentence, and its first
    sentence, lying on them, was taken for links and never quoted."""
    wrapped = ("The ministry said on Friday that it had written to the company again,\n"
               "asking it to block the accounts named in the order within a week. The\n"
               "company said it would comply with the order.\n")
    links = "Also Read\nFarmers plan a road blockade on February 6\n"
    text = f"The ministry wrote to Twitter on Wednesday.\n\n{links}\n{wrapped}"
    assert _sentences(text) == [
        "The ministry wrote to Twitter on Wednesday.",
        "The ministry said on Friday that it had written to the company again,\nasking it to block the accounts "
        "named in the order within a week.",
        "The\ncompany said it would comply with the order.",
    ]


@pytest.mark.parametrize("line", [
    "The ministry said the company must accept the order or face penal action.",
    "Share prices of the company's Indian rivals rose on Thursday.",
    "About 500 accounts were suspended, the company said.",
    "More from the minister came in a second statement on Friday.",
    "Twitter said it had received the order © and would respond.",
    "Copyright infringement notices led Twitter to lock the minister's account for an hour.",
    "(c) publish the grievance officer's name and contact details on its website;",
    "The EU's cookie consent rules require websites to ask users before tracking them.",
    "Regulators said cookies used for tracking need a privacy policy that users can read.",
])
def test_story_lines_that_share_words_with_furniture_are_kept(line: str) -> None:
    assert not is_furniture(line)
    assert _sentences(f"Headline of the story\n\n{line}\n") == ["Headline of the story", line]


@pytest.mark.parametrize("line", [
    "© 2021 HT Media Ltd", "(c) 2021 The Example Ledger", "Copyright © 2021 Reuters", "Copyright 2021 The Hindu",
    "The Example Ledger 2021. All rights reserved.", "Accept all cookies", "Cookie settings",
    "This website uses cookies to give you the best experience.",
    "By continuing to browse you agree to our use of cookies.",
])
def test_copyright_and_consent_lines_are_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Image: Reuters", "(Photo credit: PTI)", "Representational image", "(File photo)", "Courtesy: Reuters",
    "(Representational image)", "Representative picture", "Photo: AP", "Photo courtesy Twitter", "Pic credit: ANI",
    "[Image source: Twitter]",
    # The marks a story is pasted with from a wire, a press release or an opinion page.
    "OPINION", "Analysis", "PRESS RELEASE", "FOR IMMEDIATE RELEASE", "Explained:", "LIVE UPDATES", "###", "-ENDS-",
    "ENDS", "RKV/MD", "DS/AK/SKS", "Media contact: Press Office, Ministry of Electronics & IT",
    "For media enquiries, write to the press office",
    "(Reporting by Reuters Staff; Editing by Reuters Desk)", "Reporting by A Staff; Editing by The Desk",
    "(Additional reporting by the Mumbai bureau)", "Our Standards: The Thomson Reuters Trust Principles.",
    "(The writer is a technology policy researcher.)",
    "(Asha Verma is a columnist who writes on technology policy. Views expressed are personal.)",
])
def test_photo_captions_and_the_marks_of_wires_releases_and_opinions_are_furniture(line: str) -> None:
    """A page saved as text keeps its photos' captions and credits beside the story, and "Who took the photo?" or a
    question near the caption's words was answered by quoting "Image: Reuters". Pasted as moderators get them, a
    release's "PRESS RELEASE" and an opinion page's "OPINION" titled the article, and its end mark, media contact,
    wire credits and the columnist's bio could be quoted as answers."""
    assert is_furniture(line)
    assert _sentences(f"Headline of the story\n\n{line}\n\nThe ministry issued the order.\n") == [
        "Headline of the story", "The ministry issued the order."]


@pytest.mark.parametrize("line", [
    "File photo: Twitter's office in New Delhi", "File image: Union Minister Ravi Shankar Prasad",
    "Farmers at the Ghazipur border on Tuesday. (File photo)", "Jack Dorsey at an event in 2019 | Photo: Reuters",
    "Farmers at the border. (Photo: PTI)",
])
def test_a_caption_describing_its_picture_is_kept(line: str) -> None:
    """Who or what a photo shows is the article's words (a role, a place); only a credit says nothing. Taken out,
    "File image: Union Minister Ravi Shankar Prasad" left a spokesperson's quote looking like the answer to "who
    is the prime minister of india", and the decline threshold fitted over such rows rose from 0.35 to 0.41."""
    assert is_caption(line) and not is_furniture(line)


@pytest.mark.parametrize("line", [
    "Photos of the protest were shared widely on Twitter.", "The image showed a farmer at the border.",
    "Image credits aside, the report named no photographer.", "The file photos were never published.",
    "Photography was banned at the protest site.", "Twitter said it would comply (in part) with the order.",
    "Representatives of the company met the secretary on Wednesday.",
])
def test_story_lines_about_photos_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_the_seed_articles_lose_only_their_photo_credit() -> None:
    docs, _ = load_corpus(SEED)
    dropped = []
    for doc in docs:
        spans = split_sentences(doc.text)
        kept = story_sentences(doc.text, spans)
        dropped += [doc.text[s.start : s.end] for s in spans if s not in kept]
    assert dropped == ["Courtesy: Reuters"]


def test_the_training_articles_lose_no_sentence() -> None:
    """Forty-odd articles written like the seed's, none with a caption: every sentence of them is story."""
    for folder in ("articles", "heldout"):
        docs, skipped = load_corpus(TRAINING / folder)
        assert docs and not skipped
        for doc in docs:
            spans = split_sentences(doc.text)
            assert story_sentences(doc.text, spans) == spans, doc.doc_id


@pytest.mark.parametrize("line", [
    "Opinion polls showed support for the order.", "Reporting by the newspaper showed the ministry had acted.",
    "The talks would end soon, officials said.", "Analysis of the orders by lawyers found gaps.",
    "Interview requests to Twitter went unanswered.", "The press release said the talks were cordial.",
    "The writer is not named in the order.", "Media reports said the ministry had written again.",
    "RKV/MD signed the order.", "AI/ML rules were notified.",
])
def test_story_lines_that_open_like_those_marks_are_kept(line: str) -> None:
    assert not is_furniture(line)
