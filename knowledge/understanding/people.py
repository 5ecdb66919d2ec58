"""The people the agreement names (issue 11, class 8): who someone is (« c'est qui la rectrice ? », « la
vice-présidente, elle s'appelle comment ? », « qui est Rose-Marie NIETO ? ») and whether they signed (« c'est
Gilbert Favreau qui a signé ? », « la rectrice a-t-elle signé elle-même ? »).

The heading names each party's representative; the signature block at the end differs for the Département (its
Vice-présidente signs for the Président, by delegation), for Réseau Canopé (its territorial director signs for the
Director general) and for the collège (the name under its signature is not the principal's). A name checked
against the heading alone would get a wrong « Oui »: the verdict comes from agreement.yml `people` `signs`.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.answer_types import UNSETTLED, Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase, Person
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import contains, lexicon_for, phrase_positions
from knowledge.understanding.message_parts import sentences

# The lead of a signing check, by agreement.yml people `signs` (unclear: no verdict, the statement says why).
_LEADS = {"yes": "Oui. ", "by_delegation": "Non, pas en personne : ", "unclear": ""}
_VERDICTS = {"yes": "oui", "by_delegation": "non", "unclear": UNSETTLED}
_NEAR = 5  # words between the question words and the person asked about
_TAKEN_UP = frozenset({"il", "elle", "ils", "elles"})  # pronouns that take up a person put first
# « c'est Gilbert Favreau qui a signé ? » (« c'est qui la rectrice qui a signé ? » asks who: no check)
_NAMED_CHECK = re.compile(r"\bc est (?!qui\b|ki\b)((?:\w+ ){1,5})qui\b")


def person_answer(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    """Who a person named or titled is, or whether they signed; None when the message asks neither."""
    tokens = frame.normalised.split()
    lexicon = lexicon_for(kb)
    signing = bool(lexicon.marked("agreement", "signing", tokens))
    named = people_named(kb, tokens, signing)
    # (The signing asked, not told: « Je n'ai signé aucun contrat avec l'opérateur. Est-il normal que cette facture
    # arrive chez nous ? » checks no signature of « le principal » named in the story.)
    # (By sentence: « C'est Mme X qui a paraphé pour l'académie, je confirme ? » asks in its last clause alone.)
    questions = [normalise(c).split() for c in sentences(frame.text) if "?" in c]
    signing_asked = not questions or any(lexicon.marked("agreement", "signing", c) for c in questions)
    if signing and signing_asked and named and (frame.yes_no or _NAMED_CHECK.search(frame.normalised)):
        return _signing_checked(kb, frame, named[0]), f"signature de « {named[0].id} » vérifiée (agreement.yml people)"
    asking = [i for phrase in lexicon.marked("agreement", "name_asked", tokens) for i in phrase_positions(tokens, phrase)]
    if frame.yes_no or not asking or _NAMED_CHECK.search(frame.normalised):
        return None  # (« c'est bien le DSI du rectorat qui est membre du GTI ? » checks a membership)
    # The name asked is the one of a person said next to the question words: « … des sites bloqués, qui décide de
    # ce qui est filtré ? » asks nothing of the « prof principale » told earlier.
    named = [p for p in named if any(_near(tokens, i, j) for i in asking for j in _positions(p, tokens, signing))]
    if named:
        person = named[0]
        # (a role read from the signature block already says who signs)
        text = f"{person.role} {person.signature}" if signing and person.section != "signatures" else person.role
        return (Answer(kind="agreement", text=_cited(kb, text, person.section), articles=[person.section],
                       parties=[person.party], quote=person.source, subject="parties"),
                f"personne nommée par la convention : « {person.id} »")
    return _unnamed_member(kb, tokens, asking)


def people_named(kb: KnowledgeBase, tokens: list[str], signing: bool) -> list[Person]:
    """The people a message names, by name first, then by the longest title (a title said alone counts only in a
    question about signing: « le président lui-même a signé ? »)."""
    by_name = [p for p in kb.people if any(contains(tokens, w) for w in p.words)]
    if by_name:
        return by_name
    found: list[tuple[int, Person]] = []
    for person in kb.people:
        titles = person.titles + (person.signing_titles if signing else ())
        sizes = [len(t.split()) for t in titles if contains(tokens, t)]
        if sizes:
            found.append((max(sizes), person))
    return [person for _, person in sorted(found, key=lambda f: -f[0])]


def _positions(person: Person, tokens: list[str], signing: bool) -> list[int]:
    """Where a person's name or titles stand in the message."""
    phrases = person.words + person.titles + (person.signing_titles if signing else ())
    return [i for phrase in phrases for i in phrase_positions(tokens, phrase)]


def _near(tokens: list[str], asking: int, named: int) -> bool:
    """Whether the person at ``named`` is the one the question words at ``asking`` ask about: said next to them, or
    put first and taken up by a pronoun before them (« la directrice de Canopé 79 à Niort, elle s'appelle
    comment ? »)."""
    if abs(asking - named) <= _NEAR:
        return True
    return named < asking and bool(_TAKEN_UP & set(tokens[max(0, asking - 2):asking]))


def _signing_checked(kb: KnowledgeBase, frame: Frame, person: Person) -> Answer:
    """« c'est X qui a signé (pour P) ? »: the verdict of the signature block for X, or for the party P named when X
    is not its signatory (« c'est Fauquembergue qui signe pour le collège ? »)."""
    other = [p for p in frame.parties if p != person.party and p in kb.parties]
    if other:
        signer = next((p for p in kb.people if p.party == other[0] and p.signs in ("yes", "unclear")), None)
        if signer is not None:
            lead = "" if signer.signs == "unclear" else "Non. "
            return Answer(kind="agreement", text=_cited(kb, lead + signer.signature, "signatures"),
                          articles=["signatures"], parties=[signer.party], quote=signer.signature_source,
                          subject="signature", yes_no="non" if lead else UNSETTLED)
    lead = _LEADS[person.signs]
    return Answer(kind="agreement", text=_cited(kb, lead + person.signature, "signatures"), articles=["signatures"],
                  parties=[person.party], quote=person.signature_source, subject="signature",
                  yes_no=_VERDICTS[person.signs])


def _unnamed_member(kb: KnowledgeBase, tokens: list[str], asking: list[int]) -> Optional[tuple[Answer, str]]:
    """« le DSI du rectorat, c'est qui ? »: a member of a body the text names by function only."""
    # (« c'est qui Canopé ? » asks about the party: a party's one-word name is no member's function.)
    aliases = {normalise(a) for party in kb.parties.values() for a in (party.id, *party.aliases) if " " not in normalise(a)}
    for body in kb.governance:
        for member in body.members:
            words = [w for w in member.words if w not in aliases
                     and any(_near(tokens, i, j) for i in asking for j in phrase_positions(tokens, w))]
            if words:
                text = (f"La convention ne précise pas son nom : elle cite « {member.who} » parmi les membres du "
                        f"{body.name}")
                return (Answer(kind="agreement", text=_cited(kb, text, body.section), articles=[body.section],
                               quote=body.source, subject="gouvernance"),
                        f"membre du {body.name} nommé par sa fonction seulement (mots : {', '.join(words)})")
    return None


def _cited(kb: KnowledgeBase, text: str, section: str) -> str:
    return f"{text.rstrip('. ')} ({kb.sections[section].label})."
