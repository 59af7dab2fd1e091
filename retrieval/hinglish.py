"""Questions typed in romanised Hindi mixed with English, as many Indian chat users write them ("twitter ne
kitne accounts block kiye", "koo kya hai"): the English articles and the English model can answer them
once the Hindi question word is read as its English one and the particles around it are left out.

Only a question with at least ``MIN_MARKERS`` distinct Hindi function words is read so; an English question
never has two. The reading is what is searched; the question keeps its own words everywhere else (the
reply quotes them, and the report groups them).
"""

from __future__ import annotations

import re

MIN_MARKERS = 2
QUESTION_WORDS = {
    "kitne": "how many", "kitni": "how many", "kitna": "how much", "kab": "when", "kaun": "who", "kisne": "who",
    "kisko": "who", "kyun": "why", "kyon": "why", "kyu": "why", "kaise": "how", "kahan": "where",
    "kahaan": "where", "kya": "what", "konsa": "which", "kaunsa": "which", "konsi": "which", "kaunsi": "which",
    "kaunse": "which", "konse": "which", "kis": "who", "kisse": "who", "kiske": "whose", "kiski": "whose",
}
# Hindi words chat uses for what a news story is about; left as they are, no article holds them, and
# "sarkar ne twitter ko kitne notices bheje" was declined for “sarkar” and “bheje”. Only words that are no
# English word, so an English question never changes.
CONTENT_WORDS = {
    "sarkar": "government", "sarkaar": "government", "jawab": "response", "javab": "response",
    "bheja": "sent", "bheje": "sent", "bheji": "sent", "baatcheet": "talks", "mulakat": "meeting",
    "mulaqat": "meeting", "kisan": "farmers", "kisaan": "farmers", "mantri": "minister", "kanoon": "law",
    "kanun": "law", "hataya": "removed", "hataye": "removed", "khaate": "accounts", "khate": "accounts",
    # Postpositions of time that carry meaning: "uske baad kya hua" asks what happened after it.
    "baad": "after", "pehle": "before", "pahle": "before",
}
# "kya hua": "what happened", not "what" with the auxiliary dropped.
_HAPPENED = frozenset(["hua", "hui", "hue"])
# Postpositions, auxiliaries and pronouns: they carry the grammar, which the English reading drops.
PARTICLES = frozenset([
    "ne", "ka", "ki", "ke", "hai", "hain", "ho", "tha", "thi", "the", "ko", "se", "mein", "me", "aur", "bhi",
    "kiya", "kiye", "ki", "gaya", "gayi", "gaye", "diya", "diye", "liya", "liye", "raha", "rahi", "rahe", "hua",
    "hui", "hue", "kar", "karke", "wala", "wale", "wali", "ye", "yeh", "wo", "woh", "tak", "par", "pe", "abhi",
    "bhai", "yaar", "na", "toh", "to", "unhone", "usne", "iske", "uske", "inke", "unke",
    # The future and habitual forms of "to be" ("meeting kab hogi"): grammar, like "hai".
    "hoga", "hogi", "honge", "hoge", "hota", "hoti", "hote",
])
# Words that are Hindi and not English: what makes a question Hinglish.
MARKERS = frozenset([
    "ne", "ka", "ki", "ke", "hai", "hain", "tha", "thi", "ko", "mein", "aur", "bhi", "kiya", "kiye", "gaya", "gayi",
    "diya", "hua", "hui", "wala", "wale", "yeh", "woh", "unhone", "usne", "hoga", "hogi", "honge", "hoge",
    *QUESTION_WORDS,
])
_WORD = re.compile(r"[\w'’-]+")


def english_reading(question: str) -> str | None:
    """The question as English search words, question word first; None when it is not Hinglish."""
    words = _WORD.findall(question)
    lower = [w.lower() for w in words]
    # A Hindi question word alone ("kyun?", "kab tak?") is a follow-up's whole question: one marker is enough.
    alone = any(w in QUESTION_WORDS for w in lower) and all(w in QUESTION_WORDS or w in PARTICLES for w in lower)
    if len({w for w in lower if w in MARKERS}) < MIN_MARKERS and not alone:
        return None
    asked = next((i for i, w in enumerate(lower) if w in QUESTION_WORDS), None)
    if alone and asked is not None:
        return QUESTION_WORDS[lower[asked]]
    content = [(i, CONTENT_WORDS.get(low, w)) for i, (w, low) in enumerate(zip(words, lower, strict=True))
               if low not in PARTICLES and low not in QUESTION_WORDS]
    if not content:
        return None
    if asked is None:
        return " ".join(w for _, w in content)
    # What follows the question word is what is asked about ("kitne accounts"), then the rest.
    after = [w for i, w in content if i > asked]
    before = [w for i, w in content if i < asked]
    meant = QUESTION_WORDS[lower[asked]]
    if meant == "what" and asked + 1 < len(lower) and lower[asked + 1] in _HAPPENED:
        meant = "what happened"
    return " ".join([meant, *after, *before])
