"""Who told the writer something is not what the writer asks about (issue 11): « Le technicien nous a dit que le
firewall est en fin de vie. Qui finance le remplacement ? » asks who pays for the firewall, not about technicians.
The words before a verb of saying (message_kinds.yml ``questions.reported``: « dit que », « pense que »…) in its
sentence name the one who said it; they are left out where the message's own point is looked for.
"""
from __future__ import annotations

import re

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.lexicon import lexicon_for, phrase_positions

_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


def without_teller(kb: KnowledgeBase, text: str) -> str:
    """``text`` normalised, each sentence without the words before its first verb of saying."""
    lexicon = lexicon_for(kb)
    kept = []
    for sentence in _SENTENCES.split(text or ""):
        tokens = normalise(sentence).split()
        said = [at for phrase in lexicon.marked("questions", "reported", tokens)
                for at in phrase_positions(tokens, phrase)]
        kept.append(" ".join(tokens[min(said):] if said else tokens))
    return " ".join(k for k in kept if k)
