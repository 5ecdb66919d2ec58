"""Whether a sentence takes up a thing told before it instead of naming its own: « Notre serveur a neuf ans.
Devons-nous l'acheter sur notre budget ? » asks about the server; « … est forcée. Le Département la change-t-il ? »
about what was forced."""
from __future__ import annotations

import re

from knowledge.normalise import normalise
from knowledge.understanding.clause_reading import refers_back

# Words of a sentence that take up what an earlier one told, beside object pronouns: « Son remplacement … ? »,
# « Est-ce qu'elle est mentionnée dans celle de 2017 ? ».
_TAKING_UP = frozenset({"son", "sa", "ses", "leurs", "celui", "celle", "ceux", "celles", "elle", "elles"})
# (The tagger misreads short clauses with a clitic: « On le paie … ? » as a wage, « Le Département la change-t-il ? »
# as a noun « change »; a clitic after a subject pronoun, or before an inverted verb, is an object.)
_CLITIC_AFTER_SUBJECT = re.compile(r"\b(?:on|nous|je|j|tu|vous|ne|n)\s+(?:le|la|les|l|lui|leur|en|y)\b")
_CLITIC_BEFORE_INVERSION = re.compile(r"\b(?:le|la|les|l|en|y)\s+\w+-(?:t-)?(?:il|elle|ils|elles|on)\b")


def takes_up(sentence: str) -> bool:
    """Whether ``sentence`` takes up a thing told before it (a possessive, « celle-ci », an object pronoun)."""
    lowered = sentence.lower().replace("\u2019", "'")
    norm = normalise(sentence)
    return bool(_TAKING_UP & set(norm.split())) or bool(_CLITIC_AFTER_SUBJECT.search(norm)) \
        or bool(_CLITIC_BEFORE_INVERSION.search(lowered)) or refers_back(sentence)
