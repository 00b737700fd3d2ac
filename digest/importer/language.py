"""A cheap language guess for text dumps, from the most common function words.

Returns a BCP 47 primary tag only when one language clearly wins; otherwise None.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that was for with on said it as his her at by from have has".split()),
    "de": frozenset("der die und das nicht mit ist den dem des ein eine sich auf für im von zu sagte wurde".split()),
    "fr": frozenset("le la les des et est une dans pour que qui du au aux sur pas il elle a été selon".split()),
    "es": frozenset("el la los las y que del en por con una para se es fue según su al lo".split()),
    "it": frozenset("il di che e la per non gli del della sono è una nel alla ha ha detto".split()),
    "pt": frozenset("o os de que não em uma um para com do da dos das foi disse ao".split()),
    "nl": frozenset("de het een en van is niet dat op te zijn voor met ook zei".split()),
    "ru": frozenset("и в во не на что с со по как это к из за от он она его для было сказал сообщила сообщил "
                    "до у же бы но а о об".split()),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """"en", "de", "fr", ... when the text clearly is that language; else None."""
    words = Counter(_WORD.findall(text[:20000].lower()))
    scores = sorted(((sum(words[w] for w in stop), lang) for lang, stop in _STOPWORDS.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 5 and best >= 1.5 * second:
        return lang
    return None
