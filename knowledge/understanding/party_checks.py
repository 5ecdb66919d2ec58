"""« C'est bien le Département qui installe les vidéoprojecteurs ? », « c'est nous qui gérons le filtrage ? »,
« les options de l'autocom, c'est pour nous ? »: the party a closed question asks to confirm or deny (issue 11,
classes 2 and 6). The policy then compares it with the record's party and states the record (compose.negative_check).

The writer (« nous », « moi », « notre boulot ») is the collège asking about itself: « c'est nous qui … ? » is
as much a check of a party as « c'est le Département qui … ? », and without it the question got the record with
no « Oui » or « Non ». Elsewhere in a message the writer's words name no party asked about (frame.py).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from knowledge.vocabulary import WRITER_WORDS, Match

# « c'est (bien) X qui … » (and its SMS spelling « c bien X qui … »), « est-ce X qui … », « c'est au X de … ».
_PARTY_CHECK = re.compile(r"\b(?:c(?: est)?|est ce) (?:bien |pas |pas plutot |plutot |vraiment )?(?:\w+ ){1,4}qui\b"
                          r"|\bc(?: est)? (?:bien |pas |pas plutot |plutot |vraiment )?(?:au|aux|a) (?:\w+ ){1,4}de\b")
# The writer's own charge asked at the end of a question: « c'est à nous ? », « c'est bien pour nous ? », « c'est
# notre boulot ? », « c'est pour notre pomme ? ».
_OWN_CHARGE = re.compile(r"\bc(?: est)? (?:bien |vraiment )?(?:(?:a|pour) (?:nous|moi)(?: memes?)?"
                         r"|(?:pour )?(?:notre|mon|ma) (?:boulot|role|travail|job|affaire|responsabilite|pomme))$")


# The party the writer speaks for (parties.yml id), as frame.py reads « on », « nous ».
COLLEGE = "college"


def checked_party(norm: str, tokens: list[str], party_matches: Sequence[Match], reaching: bool = False) -> Optional[Match]:
    """The party in « c'est (bien) <party> qui … ? », or the collège when the writer asks about its own charge;
    None otherwise (« c'est qui qui… » asks who).

    ``reaching``: the message asks how to reach a line (« c'est moi qui dois appeler la hotline ? »). The writer is
    then the one who calls or declares, not the party the record puts in charge of assisting: no check."""
    found = _PARTY_CHECK.search(norm)
    if found:
        start = len(norm[: found.start()].split())
        end = start + len(found.group(0).split())
        inside = [m for m in party_matches if start < m.start < end]
        named = next((m for m in inside if not writer(tokens, m)), None)
        if named is not None:
            return named
        # « c'est nous qui installons … ? »: the writer alone between « c'est » and « qui ».
        mine = next((m for m in inside if writer(tokens, m)), None)
        if mine is not None and not reaching:
            return Match("party", COLLEGE, mine.start, mine.length)
        return None
    own = _OWN_CHARGE.search(norm.rstrip(" ?"))
    if own and not reaching:
        start = len(norm[: own.start()].split())
        return Match("party", COLLEGE, start, len(own.group(0).split()))
    return None


def writer(tokens: list[str], match: Match) -> bool:
    """Whether ``match`` is one of the writer's own words (« nous », « je », « on »), not a party's name."""
    return " ".join(tokens[match.start : match.start + match.length]) in WRITER_WORDS
