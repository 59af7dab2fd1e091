from __future__ import annotations

from index.duplicates import DuplicateFinder

STORY = (
    "Shopkeepers in the lanes behind the protest site say they have started posting price lists and delivery notices "
    "on the homegrown app, as the standoff with Twitter over blocking orders drags on.\n\n"
    "A tea stall owner near the main stage said about forty of the traders in his lane had opened accounts in the "
    "past week. He said most of them had never used Twitter at all and found the Hindi interface easier.\n\n"
    "The traders' association said it had not asked its members to leave Twitter. Its secretary said the group "
    "would keep its Twitter account for now and post on both platforms.\n"
)


def _finder() -> DuplicateFinder:
    finder = DuplicateFinder()
    finder.add("web-story", ["https://ledger.example/story"], STORY)
    return finder


def test_the_same_page_saved_as_text_is_the_article_added_from_its_html() -> None:
    """A moderator added a page's .html, then the same page saved as text: its menus, cookie banner, related
    links and footer made it share half its phrases with the story, and it was added as a second article."""
    saved = (
        "Skip to main content\nHome | India | World | Business\nSubscribe now\n"
        "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.\n"
        "Home > India > News\nTraders near the protest site switch apps as the Twitter row simmers\n"
        f"By Asha Verma | Feb 11, 2021, 09:15 IST\n\n{STORY}\n"
        "Also Read\nFarmers plan a road blockade on February 6\nGovernment writes to Twitter again\n"
        "Share this article Facebook Twitter WhatsApp\nMore from India\nCold wave grips the capital\n"
        "Petrol prices rise for the fifth day in a row\n© 2021 The Example Ledger. All rights reserved.\n"
        "About us | Contact | Terms of use | Privacy policy\n"
    )
    found = _finder().find([], saved)
    assert found is not None and found.doc_id == "web-story"


def test_a_story_with_lines_added_is_the_same_story() -> None:
    """A paragraph of its own correcting the story, a headline, a byline and a line of its own on top of nearly all the
    story's own words (a photo's caption, an editor's "Correction: …" note or the byline would be no help: they are
    furniture, left out of the comparison)."""
    updated = ("Traders switch apps as the Twitter row simmers\nBy Asha Verma\n\n" + STORY
               + "\nA tea stall near the protest site was busy all week.\n"
               "A correction: the stall is in the second lane, not the third, and its owner has run it for twelve "
               "years.\n")
    found = _finder().find([], updated)
    assert found is not None and "shorter one's" in found.why


def test_a_longer_report_that_quotes_a_story_whole_is_another_article() -> None:
    report = STORY + "\n\n" + " ".join(
        f"In the {n}th lane of the market the owners of the shops said something of their own about the row, "
        f"and the number {n} came up again." for n in range(40))
    assert _finder().find([], report) is None
