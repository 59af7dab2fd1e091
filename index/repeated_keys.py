"""A front-matter key given twice ("date: 2021-02-30" and, two lines on, "date: 2021-02-19"): YAML keeps the last
without a word, so an upload was added with whichever came last, and the moderator never learnt the file
disagreed with itself. An upload naming a key twice is refused, with both lines, to keep the one meant; in any
case ("Title:" and "title:"), since keys are read whatever their case and one of the two was kept without a word.
TOML refuses a repeated key itself (``index.front_matter``)."""

from __future__ import annotations

import yaml

from index.front_matter import BOM, FRONT_MATTER


def repeated_key_problem(raw: str) -> str | None:
    """Why ``raw``'s YAML front matter can't be read one way: the first key it gives twice, the lines and values."""
    text = raw[1:] if raw.startswith(BOM) else raw
    block = FRONT_MATTER.match(text)
    if block is None or block.group("yaml") is None:
        return None
    try:
        node = yaml.compose(text[: block.end("yaml")], Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # refused elsewhere, with its own message
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    seen: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value == "<<":  # a merge key ("<<: *defaults") may repeat
            continue
        if (first := seen.setdefault(str(key.value).casefold(), value)) is not value:
            return (f"the front matter gives {key.value} twice: {_shown(first)} (line {first.start_mark.line + 1}) "
                    f"and {_shown(value)} (line {value.start_mark.line + 1}); keep the one meant and delete the other")
    return None


def _shown(value: yaml.Node) -> str:
    written = value.value if isinstance(value, yaml.ScalarNode) else "a list or mapping"
    return f"“{str(written)[:80]}”"
