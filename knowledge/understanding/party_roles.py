"""What one party does under the agreement (« Canopé, il fait quoi ? », « quel est le rôle de l'Académie ? »): its
own records, one per article in the text's order, each with its article (issue 11, class 8).

Without this a principal asking what a signatory is for got the agreement's overview, which names every party and
answers no one, or « je n'ai pas trouvé de quel équipement vous parlez ». The sentences are the records' own;
only their choice and order are made here.
"""
from __future__ import annotations

from knowledge.answer_types import ROLES_SUBJECT, Answer, capitalised, unique
from knowledge.normalise import normalise
from knowledge.query import obligations_of
from knowledge.records import KnowledgeBase, Obligation
from knowledge.understanding import parse as parsing
from knowledge.understanding.agreement_questions import GENERAL_TOPICS
from knowledge.understanding.compose import sentence
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.vocabulary import vocabulary_for

# Roles in which a record says what the party itself does, pays, decides or validates (not what it may do, is
# consulted on, or must not do).
_ACTING_ROLES = ("does", "pays", "decides", "validates")
# One record per article, at most this many: a chat message, not the whole agreement.
_MOST = 6
# The subject that is the writer, not a party (« on fait quoi ? »). Not « nous » or « vous »: they are objects as often
# (« l'Académie, elle nous apporte quoi ? » asks its role).
_WRITER = frozenset({"on"})


def asked_roles(kb: KnowledgeBase, frame: Frame) -> tuple[str, ...]:
    """The parties whose role the message asks about: parties named, a role word (message_kinds.yml
    ``party_questions.role``), and no thing of the agreement that the question would be about instead."""
    tokens = frame.normalised.split()
    said = lexicon_for(kb).marked("party_questions", "role", tokens)
    if not frame.parties or frame.question_type.value == "who" or not said:
        return ()  # « qui tient le rôle de président de séance ? » asks who
    topics = [s.value for s in frame.subjects if s.value and kb.subjects[s.value].kind == "agreement"
              and s.value not in (ROLES_SUBJECT, *GENERAL_TOPICS)]
    positions = [at for phrase in said for at in phrase_positions(tokens, phrase)]
    if topics and all(tokens[at - 1] in _WRITER for at in positions if at > 0) \
            or positions and all(at > 0 and tokens[at - 1] in _WRITER for at in positions):
        # « si on n'est pas d'accord avec le CD, on fait quoi ? » asks what the writer does about a point of the
        # agreement (a dispute), not the party's role; so does « le technicien du Département n'est jamais venu, on fait
        # quoi ? » about anything.
        return ()
    if [s.value for s in frame.subjects if s.value and kb.subjects[s.value].kind != "agreement"]:
        return ()
    if _purpose_of_the_agreement(kb, frame.text):
        return ()
    # A party the others act for (« qu'apporte Canopé aux collèges ? », « que fait l'Académie pour les profs ? ») is
    # not asked about, if another is.
    mentions = [m for m in vocabulary_for(kb).matches(frame.text, ("party",)) if m.id in frame.parties]
    served = {p for p in frame.parties if all(_served(tokens, m.start) for m in mentions if m.id == p)}
    asked = [p for p in frame.parties if p not in served] if served != set(frame.parties) else list(frame.parties)
    # Named by their own name (« l'Académie », « Réseau Canopé »), not through one of their people or bodies (« le
    # RUPN », « la commission du Conseil départemental »), whose role the text does not describe.
    named = []
    for party_id in asked:
        party = kb.parties[party_id]
        own_words = set(normalise(f"{party.name} {party.short}").split())
        if any(set(tokens[m.start:m.start + m.length]) & own_words for m in mentions if m.id == party_id):
            named.append(party_id)
    return tuple(named) if len(named) == len(asked) else ()


# The words before a party that the others act for: « aux collèges », « pour les enseignants », « envers le collège ».
_FOR = frozenset({"aux", "au", "pour", "envers"})
_ARTICLES = frozenset({"le", "la", "les", "l", "nos", "notre", "leurs", "leur", "ses", "son", "sa", "ces"})


def _served(tokens: list[str], start: int) -> bool:
    """Whether the party named at ``start`` is introduced as the one acted for (« aux », « pour les »)."""
    before = tokens[max(0, start - 2):start]
    if before and before[-1] in _ARTICLES:
        before = before[:-1]
    return bool(before) and before[-1] in _FOR


def _purpose_of_the_agreement(kb: KnowledgeBase, text: str) -> bool:
    """« à quoi sert ce texte signé avec le CD ? »: the agreement is what « servir » is said of (its subject, by
    spaCy's parse, is a noun of message_kinds.yml party_questions.agreement_nouns), so its purpose is asked, not
    the role of the party named beside it (« Canopé, dans cette convention, il sert à quoi ? » asks Canopé's)."""
    doc = parsing.parse(text)
    nouns = lexicon_for(kb).markers["party_questions"].get("agreement_nouns", ())
    return doc is not None and any(
        normalise(t.lemma_) in nouns and t.dep_.startswith("nsubj") and normalise(t.head.lemma_) == "servir" for t in doc)


def party_role(kb: KnowledgeBase, party_id: str) -> Answer:
    """The party's own records, the first of each article in the text's order, up to :data:`_MOST`."""
    own = [o for o in obligations_of(kb, party_id) if o.role in _ACTING_ROLES]
    chosen: list[Obligation] = []
    for obligation in own:
        if obligation.section not in {c.section for c in chosen}:
            chosen.append(obligation)
    chosen = chosen[:_MOST]
    name = kb.parties[party_id].name
    lines = [f"{capitalised(name)} : ce que la convention lui confie (un engagement par article) :"]
    lines += [f"• {sentence(kb, o)}" for o in chosen]
    rest = len(own) - len(chosen)
    if rest > 0:
        lines.append(f"La convention lui confie {len(own)} engagements en tout : posez une question précise "
                     "(« qui installe… ? », « qui paie… ? ») pour le détail.")
    return Answer(kind="responsibility", text="\n".join(lines), articles=unique(o.section for o in chosen),
                  parties=[party_id], quote=chosen[0].source if chosen else "", obligations=[o.id for o in chosen],
                  subject=ROLES_SUBJECT)
