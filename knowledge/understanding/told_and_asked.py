"""What a message with several parts tells before what it asks (split from frame.py): a story told first sets the
scene for the questions after it, and things listed with no verb share the question that follows them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from knowledge.normalise import normalise
from knowledge.understanding.clause_reading import has_verb
from knowledge.understanding.message_parts import Part, asks_in


def asked_after_story(parts: tuple[Part, ...], text: str) -> tuple[Part, ...]:
    """« Une société nous propose des écrans interactifs et il faudrait tirer des câbles : qui consulter en amont, et à
    qui adresser la demande d'équipement ? »: what is told first, asking nothing, sets the scene for the questions
    after it; two questions or more are still each answered (each part ending in a clause that asks: a wish told
    after a question, « Je dois organiser mon déplacement », is no question). Otherwise the message is one question."""
    told = next((i for i, p in enumerate(parts) if p.asks or p.problem), len(parts))
    asked = parts[told:]
    last = parts[told - 1].text if told else ""
    if told and asked and all(p.subjects and not has_verb(p.text) for p in parts[:told]) \
            and normalise(asked[0].text).split()[:1] in _LISTING \
            and re.search(re.escape(last) + (r"\s*(?:,|et\b)" if ", " in last else r"\s*,"), text) is not None:
        # « Le serveur, l'antivirus et le système des postes sont à renouveler : à la charge de qui ? »: things named
        # with no verb of their own, then a comma and another thing, are listed with what the question asks about
        # (each is asked it); not a story, nor a topic the question takes up (« le portable du principal, il a droit
        # à quel forfait ? »).
        question = asked[-1].text.split(", ")[-1]
        shared = question if asks_in(question, text) else ""
        return tuple(replace(p, shared=p.shared or shared) for p in parts[:told]) + asked
    questions = all(asks_in(p.text.split(", ")[-1], text) for p in asked)
    return asked if told and len(asked) >= 2 and questions else ()


# Words that open a noun phrase: the clause after things named with no verb names one more.
_LISTING = tuple([w] for w in ("le", "la", "les", "l", "un", "une", "des", "du", "son", "sa", "ses", "leur", "leurs",
                               "mon", "ma", "mes", "notre", "nos"))
