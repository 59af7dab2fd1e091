"""A question that copies an article's heading is answered by the section under it (``retrieval.headings``)."""

from __future__ import annotations

from index.link_lines import links_another_story
from retrieval.engine import Engine


def test_a_copied_heading_is_answered_by_the_section_under_it(seed_engine: Engine) -> None:
    """The heading matched best but is no answer, and the question was declined although the lines under the
    heading say what it announces."""
    answer = seed_engine.ask("Twitter begins blocking accounts as per Centre's request")
    assert answer.answered
    assert "served with multiple blocking orders" in answer.text


def test_a_copied_link_to_another_story_is_not_answered_by_the_lines_after_it(seed_engine: Engine) -> None:
    """"Don't Miss | Blocking accounts against Indian law: Twitter" points to another story: the sentence after
    it (Twitter's internal policy on orders) is no section of that headline."""
    answer = seed_engine.ask("Blocking accounts against Indian law: Twitter")
    assert "internal policy" not in answer.text


def test_a_labelled_link_points_to_another_story() -> None:
    assert links_another_story("Don't Miss | Blocking accounts against Indian law: Twitter")
    assert links_another_story("Also Read: Farmers plan chakka jam on February 6")
    assert not links_another_story("Twitter begins blocking accounts as per Centre's request")
    assert not links_another_story("Tagsmith Media said the order was unusual.")
