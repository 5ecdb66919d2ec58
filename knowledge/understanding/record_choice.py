"""Which records a party check is compared with (issue 11): the record of the subject that carries the action
asked, or the records giving an action to the party asked when no subject is named."""
from __future__ import annotations

from typing import Optional

from knowledge.normalise import normalise
from knowledge.query import GENERAL_SECTIONS, IN_CHARGE_ACTIONS, fault_handled, rank_obligations, shared_words
from knowledge.question_reading import without_compared
from knowledge.records import KnowledgeBase, Obligation
from knowledge.silence_answers import silence_for
from knowledge.understanding import parse as parsing
from knowledge.understanding.answer_coverage import verb_settled_by
from knowledge.understanding.asked_acts import content_predicate
from knowledge.understanding.decision_cases import case_record
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.vocabulary import vocabulary_for


def compared_record(kb: KnowledgeBase, frame: Frame) -> Optional[Obligation]:
    """The record a party check is compared with: the first subject's, unless another subject the message names
    has a record carrying the action asked (« … qui définit comment on sauvegarde les serveurs ? »: the backup
    strategies, not the servers' purchase); of the case the message names, when the record holds in another
    (« le Département a refusé : l'Académie peut-elle financer à sa place ? » is compared with scenario 2)."""
    record = _compared(kb, frame)
    if record is None:
        return None
    return case_record(kb, frame.text, record, [o for o in kb.obligations if set(o.subjects) & set(record.subjects)],
                       _checked_acts(kb, frame))


def _compared(kb: KnowledgeBase, frame: Frame) -> Optional[Obligation]:
    found: list[Obligation] = []
    # (« les vidéoprojecteurs c'est le collège, c'est pareil pour les imprimantes ? » checks the printers.)
    subjects = without_compared(kb, frame.text, [s.value for s in frame.subjects if s.value is not None and s.value in kb.subjects])
    asked = _checked_acts(kb, frame)
    if subjects and silence_for(kb, subjects[:1], asked, frame.normalised) is not None:
        # « les PC achetés sur nos fonds propres, c'est le Département qui les répare ? »: the text is silent on that
        # act for that thing; a parent's record (the Département's maintenance in general) would settle it falsely.
        return None
    acts = fault_handled(kb, subjects[0], asked) if subjects else list(asked)
    own: Optional[Obligation] = None
    for subject in subjects:
        ranked = rank_obligations(kb, subject, acts, focus_actions=acts, words=frame.normalised.split(),
                                  implied=sorted(lexicon_for(kb).implied(acts)) if acts != list(frame.actions) else ())
        record = next((r.obligation for r in ranked if r.obligation.role != "must_not"), None)
        if record is not None:
            found.append(record)
        if subject == subjects[0]:
            # (Only of the thing checked, the first named: « … comme pour les postes fixes ? » compares.)
            own = next((r.obligation for r in ranked if _carries_for(r.obligation, frame.asked_party.value, acts)), None)
    carrying = next((r for r in found if set(acts) & set(r.actions)), None)
    if own is not None and (carrying is None or frame.asked_party.value not in carrying.parties
                            and _fits_as_well(kb, frame, subjects[0], own, carrying)):
        # « c'est l'Académie qui propose les nouveaux logiciels ? »: the collège proposes them, and so do the
        # Académie and Canopé (validated ones, article 9): the party's own record on the act is what the check is
        # compared with; another party's record on it would deny what the text states.
        carrying = own
    if not frame.actions and not any(verb_settled_by(kb, frame.text, r.actions) for r in found):
        # « c'est le Département qui règle les licences ? »: a verb the frame read as no action is compared only
        # with a record carrying what its lemma names; installing the software says nothing of it.
        return None
    if carrying is not None or not asked:
        return carrying or (found[0] if found else None)
    # « le smartphone est cassé, c'est le Département qui le répare ? »: no record carries the act asked; a record of
    # the party asked on another act (its phone contracts) confirms nothing, the composer answers instead.
    implied = lexicon_for(kb).implied(asked)
    fallback = next((r for r in found if implied & set(r.actions)), None)
    # Another party's record on another act denies only when it puts that party in charge of the thing (the
    # Académie administers the filtering); its installing the software says nothing of who pays the licences.
    return fallback or next((r for r in found if frame.asked_party.value not in r.parties
                             and set(IN_CHARGE_ACTIONS) & set(r.actions)), None)


def _checked_acts(kb: KnowledgeBase, frame: Frame) -> tuple[str, ...]:
    """The acts a party check is of: its own verb's when the message names several (« nos tablettes achetées sur
    fonds propres ne marchent plus, c'est le Département qui répare ? »: the purchase tells the story)."""
    verb = content_predicate(kb, frame.text) if len(frame.actions) > 1 else None
    return (verb[1],) if verb is not None and verb[1] in frame.actions else tuple(frame.actions)


def _carries_for(record: Obligation, party: Optional[str], acts) -> bool:
    """A record of ``party`` doing one of ``acts``, and about a particular point (the Contexte's general charge of
    the Département settles none)."""
    return record.role != "must_not" and party in record.parties and bool(set(acts) & set(record.actions)) \
        and record.section not in GENERAL_SECTIONS


def _fits_as_well(kb: KnowledgeBase, frame: Frame, subject: str, own: Obligation, other: Obligation) -> bool:
    """Whether the question's words fit the party's own record as well as the other party's, the words naming the
    thing itself aside: « … qui vérifie l'éligibilité pédagogique ? » fits the Académie's record, not the
    Département's technical one."""
    naming = {w for term in kb.subjects[subject].terms for w in normalise(term).split()}
    rest = " ".join(w for w in _said_of_party(kb, frame) if w not in naming)
    return shared_words(kb, own, rest) >= shared_words(kb, other, rest)


def _said_of_party(kb: KnowledgeBase, frame: Frame) -> list[str]:
    """The words said of the party asked: from its name to the next party named, when the message names several
    (« c'est l'Académie qui vérifie l'éligibilité technique et le Département la pédagogique ? » says « technique »
    of the Académie); the whole message otherwise."""
    tokens = frame.normalised.split()
    named = [m for m in vocabulary_for(kb).matches(frame.normalised, ("party",))]
    own = next((m for m in named if m.id == frame.asked_party.value), None)
    if own is None or len({m.id for m in named}) < 2:
        return tokens
    after = next((m.start for m in named if m.start > own.start and m.id != own.id), len(tokens))
    return tokens[own.start:after]


def records_for_party_action(kb: KnowledgeBase, frame: Frame) -> list[Obligation]:
    asked = frame.asked_party.value
    found = [o for o in kb.obligations if asked in o.parties and o.role != "must_not"
             and set(frame.actions) & set(o.actions) and o.section not in ("preambule", "repartition")]
    # A record of another party that the question's words fit better is what is asked about (« le Département
    # vérifie l'éligibilité pédagogique ? » is about the Académie's record): no confirmation then.
    others = [o for o in kb.obligations if asked not in o.parties and set(frame.actions) & set(o.actions)]
    best = max((shared_words(kb, o, frame.normalised) for o in found), default=0)
    if best == 0:
        # No word of the question but the verb is in the record (« le collège doit rembourser la calculatrice ? »
        # found the telecom bills): a record that merely shares the action answers nothing asked.
        return []
    if any(shared_words(kb, o, frame.normalised) > best for o in others):
        return []
    # Only the records the question's words fit best (« … pour la maintenance ? »: not the telecom bills, which share
    # the action alone); among them, the one naming the fewest parties is about the party asked, not a duty of all.
    found = [o for o in found if shared_words(kb, o, frame.normalised) == best]
    if not any(shared_words(kb, o, _beside_the_verb(kb, frame)) for o in found) and _names_a_thing(kb, frame):
        # « le Département doit-il fournir des clés USB ? » shares « fournir » alone with the telephones' record,
        # which says nothing of the thing named. (« la DANE doit-elle se concerter avec le Département ? » names no
        # thing: its verb is the point, which the record carries.)
        return []
    fewest = min((len(o.parties) for o in found), default=0)
    return [o for o in found if len(o.parties) == fewest]


def _beside_the_verb(kb: KnowledgeBase, frame: Frame) -> str:
    tokens = frame.normalised.split()
    verb = {i for m in vocabulary_for(kb).matches(frame.normalised, ("action",)) for i in range(m.start, m.start + m.length)}
    return " ".join(w for i, w in enumerate(tokens) if i not in verb)


def _names_a_thing(kb: KnowledgeBase, frame: Frame) -> bool:
    """Whether the question names a thing: a noun (spaCy's tags) that is neither a party's name nor an act (« payer
    la maintenance » names the act asked, no thing)."""
    doc = parsing.parse(frame.text)
    said = {w for m in vocabulary_for(kb).matches(frame.text, ("party", "action"))
            for w in frame.normalised.split()[m.start:m.start + m.length]}
    light = {w for phrase in lexicon_for(kb).markers.get("coverage", {}).get("light_nouns", ()) for w in phrase.split()}
    return doc is not None and any(t.pos_ in ("NOUN", "PROPN") and normalise(t.text) not in said
                                   and normalise(t.lemma_) not in light for t in doc)  # (« quelque chose »)
