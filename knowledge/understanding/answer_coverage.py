"""Whether the record found answers the question asked (issue 11): a verb or a thing the knowledge base has no
word for, beside the subject the record is about, or an action no record of the subject carries. The record
found is then only nearby, and naming its party would designate someone the text does not.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

from knowledge import silence_answers as silences
from knowledge.answer_types import REPAIR, ROLES_SUBJECT, Answer, Choice
from knowledge.normalise import normalise
from knowledge.query import GENERAL_SECTIONS, IN_CHARGE_ACTIONS, obligations_about, shared_words, subject_chain
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase, Obligation
from knowledge.understanding import asked_acts, asked_point, coverage
from knowledge.understanding.clause_reading import restated
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.message_parts import asking_clauses
from knowledge.vocabulary import vocabulary_for

if TYPE_CHECKING:  # the policy calls this module: its Decision is only a type here
    from knowledge.understanding.policy import Decision

_PAY = "payer"  # the action a bill or a cost names
_OWN_WORDS = 2  # words of a question shared with a general record's statement, from which the record answers it


def asked_actions(kb: KnowledgeBase, text: str) -> set[str]:
    """The actions named in the clauses that ask (:func:`message_parts.asks_in`), or in the whole message when none
    does: « une fois l'incident déclaré » tells when, the question is the verb after it."""
    vocabulary = vocabulary_for(kb)
    asking = asking_clauses(text)
    # « je voudrais être formée aux tablettes, qui propose ça ? »: « ça » takes up what was told, its action too.
    if any(_TAKES_UP_ALL & set(normalise(clause).split()) for clause in asking):
        asking = []
    return {a for clause in (asking or [text]) for a in vocabulary.detect(clause).actions}


_TAKES_UP_ALL = frozenset({"ca", "cela", "ceci"})


def _asked_gap(kb: KnowledgeBase, text: str) -> Optional[coverage.Gap]:
    """The gap of the question (:func:`coverage.gap`), but not a verb outside the clauses that ask: in « les
    ordinateurs affichent que Windows n'est pas activé, c'est qui ? » the verb tells the fault, the question is
    « c'est qui ? »."""
    found = coverage.gap(kb, text)
    # (An infinitive is an act to do, asked wherever it stands: « il faut dépoussiérer les écrans, c'est qui ? ».)
    if found is None or found.role != "action" or asked_point.infinitive(found.word):
        return found
    asking = [normalise(clause) for clause in asking_clauses(text)]
    if asking and not any(normalise(found.word) in clause.split() or _DOING_IT.search(clause) for clause in asking):
        return None
    return found


# « on voudrait nettoyer les claviers, qui le fait ? »: « le faire » takes up the act told before, which is asked.
_DOING_IT = re.compile(r"\b(?:le|l|la|les|ca) (?:fait|faire|font|fera|feront|ferait)\b")


def covered(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> tuple[Answer, Optional[str]]:
    """The answer, or « la convention ne précise pas » when the question turns on a verb or a thing the
    knowledge base has no word for, beside the subject the record is about (:mod:`coverage`): the record
    found is then about something nearby, and naming its party would designate someone the text does not.
    The nearby record is still quoted, as what the text says closest. Returns the answer and why it changed."""
    frame = decision.frame
    record = record_of(kb, answer)
    if record is None or frame.parts or answer.subject == ROLES_SUBJECT:
        return answer, None  # (a party's role is its records, chosen for it: « rôle » is no point they leave open)
    if decision.outcome == "report":
        # « la lampe du TBI a grillé, qui paie l'ampoule ? »: the fault goes to its line, but the question asked
        # beside it is checked like any other.
        # Not when it only asks whom to contact (« SIECLE plante dès qu'on lance l'import, vers qui on se
        # tourne ? »): the words before are the fault's story.
        contact = lexicon_for(kb).marked("questions", "which_number", frame.normalised.split())
        found = _asked_gap(kb, text) if frame.question_type.value == "who" and not contact else None
        if found is None:
            return answer, None
        return (_with_readings(kb, silences.uncovered(kb, found.point, record, answer.subject), record, text),
                f"« {found.word} » demandé à côté d'une panne n'est pas un mot de la base : l'enregistrement "
                f"{record.id} ne couvre pas la question")
    if decision.outcome in ("answer", "defer") and answer.kind == "procedure" and frame.question_type.value == "who":
        # « il faut nettoyer le sol de la salle info, c'est qui ? » read as a request for equipment: a who-question
        # on a word the agreement does not contain gets no procedure either.
        found = _asked_gap(kb, text)
        if found is not None:
            return (_with_readings(kb, silences.uncovered(kb, found.point, record, answer.subject), record, text),
                    f"« {found.word} » n'est pas un mot de la base : la procédure {answer.subject} ne couvre pas la question")
    # A who-question about buying something (« les coques des tablettes, c'est à qui de les acheter ? ») reads
    # as a request too: it is checked the same way.
    asks = frame.kind.value == "question" or (frame.kind.value == "request" and frame.question_type.value == "who")
    # (A responsibility given with its support line, « support », is checked the same way when it answers « who »,
    # unless the line is what is asked.)
    line_asked = answer.kind == "support" and (frame.question_type.value != "who" or lexicon_for(kb).marked(
        "questions", "which_number", frame.normalised.split()))
    if decision.outcome not in ("answer", "defer") or answer.kind not in ("responsibility", "support") or not asks or line_asked:
        return answer, None
    users = _users_asking(kb, frame, record)
    if users is not None:
        return (_with_readings(kb, silences.uncovered(kb, "", record, answer.subject, word_absent=False), record, text),
                f"« {users} » demandent pour eux-mêmes : l'enregistrement {record.id} ne les nomme pas")
    # A word the agreement does not contain first: « the agreement does not say » is then certain.
    found = _asked_gap(kb, text)
    if found is not None:
        return (_with_readings(kb, silences.uncovered(kb, found.point, record, answer.subject), record, text),
                f"« {found.word} » ({'action' if found.role == 'action' else 'chose'} demandée) n'est pas un mot de "
                f"la base, à côté de « {found.known} » : l'enregistrement {record.id} ne couvre pas la question")
    # An act no record of the agreement carries (« la restauration depuis la sauvegarde, c'est à qui de la faire ? »):
    # whatever record was found about its thing, even a prohibition, it does not say who does that act. (Whether the
    # collège may do it, « le gestionnaire peut-il restaurer une sauvegarde ? », is the prohibition's to answer.)
    # (« c'est le Département qui restaure les fichiers effacés ? » checks a party on such an act: likewise.)
    who_asked = frame.question_type.value == "who" and not frame.yes_no or frame.party_check
    asked = asked_acts.asked_action(kb, text) if who_asked else None
    if asked is not None and not _carried_anywhere(kb, asked[0]):
        return (_with_readings(kb, silences.uncovered(kb, asked[1].point, record, answer.subject, word_absent=False), record, text),
                f"l'action demandée « {asked[0]} » (« {asked[1].word} ») n'est dans aucun enregistrement")
    # « c'est le Département qui finance les ateliers pour apprendre l'ENT aux parents ? »: the verb that asks (the
    # payment) is what is checked, even when another act told in the question (« apprendre ») is the record's.
    if asked is not None and asked[0] == _PAY and not settled_by(kb, _PAY, record.actions) \
            and not IN_CHARGE_ACTIONS & set(record.actions) and not carried(kb, answer.subject, _PAY):
        return (_with_readings(kb, silences.uncovered(kb, asked[1].point, record, answer.subject, word_absent=False), record, text),
                f"le paiement demandé (« {asked[1].word} ») n'est pas dans l'enregistrement {record.id}")
    shared = (set(answer.actions) | set(frame.actions)) & set(record.actions)
    # (A party checked, « c'est le rectorat qui agree la qualif ? », has its verb checked too, though the frame found
    # no action in a word typed without its accents.)
    if (answer.actions or frame.actions or frame.party_check) and record.role != "must_not" \
            and frame.question_type.value in (None, "who", "may_i", "check_fact") \
            and not (shared & (asked_actions(kb, text) | set(answer.actions))):
        # No action asked is one the record carries (« qui forme les parents à l'ENT ? » found the ENT's
        # eligibility): if the question's own verb names one that no record of the subject carries, the record
        # does not answer it; the reply says only that the records found do not say it. The verb that asks
        # decides, not one told before it (« une fois l'incident *déclaré*, on peut le modifier ? »).
        asked = asked if who_asked else asked_acts.asked_action(kb, text)  # (parsed once per question)
        # (In charge of a thing is in charge of its faults too: « c'est le CD qui répare le wifi ? ».)
        repaired = asked is not None and asked[0] == REPAIR and bool(IN_CHARGE_ACTIONS & set(record.actions))
        if asked is not None and not settled_by(kb, asked[0], record.actions) and asked[0] not in IN_CHARGE_ACTIONS \
                and not repaired and not carried(kb, answer.subject, asked[0]):
            return (_with_readings(kb, silences.uncovered(kb, asked[1].point, record, answer.subject, word_absent=False), record, text),
                    f"l'action demandée « {asked[0]} » (« {asked[1].word} ») n'est pas dans l'enregistrement {record.id}")
        if asked is None and _judged_only(frame) and _PAY in frame.actions and not IN_CHARGE_ACTIONS & set(record.actions):
            # « la facture de l'ENT arrive chez nous, c'est normal ? »: the question judges a payment told before it,
            # which the record found (the ENT's eligibility checks) does not carry.
            return (_with_readings(kb, silences.uncovered(kb, "", record, answer.subject, word_absent=False), record, text),
                    f"le paiement raconté avant « c'est normal ? » n'est pas dans l'enregistrement {record.id}")
    # (An open who-question is checked against a prohibition too: « qui lance les sauvegardes ? » is not told by
    # « le collège ne doit réaliser aucune intervention … (ex : sauvegarde) ».)
    open_who = frame.question_type.value == "who" and not frame.yes_no
    # A yes/no question is checked the same way on a record that is no prohibition (« tous les profs sont-ils
    # obligés d'utiliser l'ENT ? » is not answered by the eligibility checks of article 7).
    any_question = frame.kind.value == "question" and frame.yes_no and record.role != "must_not"
    if open_who or any_question or frame.party_check and record.role != "must_not":
        # « l'ancien vidéoprojecteur, il est décroché par qui ? »: a verb naming no action of the base, which the
        # record's statement does not use either, is an act the record does not settle. Not when the record puts
        # its party in charge of the thing (« la gestion des comptes » covers « qui crée les comptes ? »), nor when
        # the clauses that ask name, in other words, an act it carries (« regarder si ça colle » is checking; « le CD
        # définit la stratégie, d'accord ; mais qui lance les sauvegardes ? » asks « lancer », not « définir »).
        act = unsettled_act(kb, text, record, any_question)
        if act is not None:
            return (_with_readings(kb, silences.uncovered(kb, act.point, record, answer.subject, word_absent=False), record, text),
                    f"le verbe demandé « {act.word} » ne nomme aucune action de la base ni n'est dans l'enregistrement {record.id}")
    if decision.outcome in ("answer", "defer") and record.section in GENERAL_SECTIONS \
            and not lexicon_for(kb).marked("questions", "in_general", frame.normalised.split()) \
            and not lexicon_for(kb).marked("questions", "why", frame.normalised.split()) \
            and shared_words(kb, record, frame.normalised) < _OWN_WORDS \
            and not _plainly_asked(kb, frame, record):
        # « les housses des iPad sont déchirées, on en rachète ? » found only the context (« Le Département a la
        # charge des collèges … ») : a duty in general, which settles no particular point. A question in the
        # context's own words (« qui assure la maintenance des matériels informatiques ? »), or plainly asking
        # who does one of its acts on its thing (« qui fournit les ordinateurs portables ? »), is answered by it.
        return (_with_readings(kb, silences.uncovered(kb, "", record, answer.subject, word_absent=False), record, text),
                f"seul le contexte général ({record.id}) a été trouvé : il ne règle pas le point demandé")
    return answer, None


_NORMAL = re.compile(r"\b(?:c est|est ce|c|cest) (?:bien |tout a fait )?(?:normal|logique|regulier)\b")


def _judged_only(frame: Frame) -> bool:
    """Whether the clause that asks only judges what was told (« …, c'est normal ? »)."""
    asking = [normalise(c) for c in asking_clauses(frame.text)]
    return bool(asking) and all(_NORMAL.search(c) and len(c.split()) <= 5 for c in asking)


def _users_asking(kb: KnowledgeBase, frame: Frame, record: Obligation) -> Optional[str]:
    """The people the collège serves (message_kinds.yml ``college_users``: pupils, parents…) when a yes/no question
    asks what they may do or get and the record does not name them: « les parents d'élèves peuvent consulter
    l'inventaire ? » is not settled by an inventory « à disposition de l'établissement et des partenaires ». A
    prohibition of the collège binds the people in it: it is left to answer."""
    if not frame.yes_no or record.role == "must_not":
        return None
    lexicon = lexicon_for(kb)
    said = f" {normalise(record.source)} {normalise(record.statement)} "
    for clause in asking_clauses(frame.text):
        tokens = normalise(clause).split()
        # (The people are the subject of the modal, right before it: « est-ce que les familles peuvent … »; not « les
        # postes élèves », nor « le collège peut-il prêter des tablettes aux élèves ? ».)
        for at, token in enumerate(tokens):
            if not lexicon.marked("questions", "modal", [token]):
                continue
            users = [u for u in lexicon.marked("questions", "college_users", tokens[:at])
                     if " ".join(tokens[:at]).endswith(u)]
            if users and not any(f" {u} " in said or f" {u[:-1]} " in said for u in users):
                return users[0]
            break
    return None


def unsettled_act(kb: KnowledgeBase, text: str, record: Obligation, any_question: bool = False) -> Optional[coverage.Gap]:
    """The verb a who-question asks (or a yes/no question, ``any_question``) when it names no action of the base
    (:func:`asked_acts.unnamed_act`) and ``record`` does not settle it: the record puts no party in charge of its
    thing, its statement does not use the verb nor says it in other words (:func:`asked_acts.said_otherwise`), and
    the clauses that ask name no act it carries. None otherwise. A whole question and each part of a message with
    several are checked by this one rule."""
    # (The cheap tests first: most questions name an act of the vocabulary, and this runs on every turn.)
    if IN_CHARGE_ACTIONS & set(record.actions) \
            or any(lexicon_for(kb).carried_by(a, record.actions) for a in asked_actions(kb, text)):
        return None
    act = asked_acts.unnamed_act(kb, text, any_question)
    if act is None or _in_statement(act, record) or _said_before_asking(act, text) or asked_acts.said_otherwise(act, record.statement):
        return None
    return act


def _said_before_asking(act: coverage.Gap, text: str) -> bool:
    """Whether the verb is outside the clauses that ask: it tells the story (« le support s'est *décroché*, c'est à
    nous de le refixer ? »)."""
    asking = [normalise(clause).split() for clause in asking_clauses(text)]
    return bool(asking) and not any(normalise(act.word) in clause for clause in asking)


def _in_statement(act: coverage.Gap, record: Obligation) -> bool:
    """Whether the record's own statement uses the verb asked (by its first letters: « rédige », « rédaction »)."""
    stems = {normalise(w)[:5] for w in (act.word, act.lemma) if len(normalise(w)) >= 4}
    return any(normalise(w)[:5] in stems for w in normalise(record.statement).split())


def verb_settled_by(kb: KnowledgeBase, text: str, actions) -> bool:
    """Whether a record with ``actions`` settles the question's own verb, when the frame read it as no action
    (« c'est le Département qui *règle* les licences ? »): it carries what the verb's lemma names (or an action
    implying it), or puts its party in charge of the thing. A light verb, or none, is settled by any record."""
    verb = asked_acts.content_predicate(kb, text)
    return verb is None or bool({verb[1], *lexicon_for(kb).implied({verb[1]}), *IN_CHARGE_ACTIONS} & set(actions))


def _plainly_asked(kb: KnowledgeBase, frame: Frame, record: Obligation) -> bool:
    """One sentence asking who does, on the record's own thing, acts the record carries: nothing told before it."""
    lexicon = lexicon_for(kb)
    carried = all(lexicon.carried_by(a, record.actions) for a in frame.actions)
    one_sentence = len([s for s in re.split(r"[.!?…]+", frame.text) if s.strip()]) == 1
    # « Canopé fournit-il les ordinateurs ? »: the context still denies it to another party named.
    # « le Département fait la maintenance des ordinateurs ? »: the context's own party, act and thing are checked;
    # not a share for each (« un portable à chaque enseignant ? »), which the context does not settle.
    named_party = frame.yes_no and frame.asked_party.confidence >= 0.8 \
        and not lexicon.marked("questions", "distributive", frame.normalised.split())
    return (frame.question_type.value == "who" and not frame.yes_no or named_party) \
        and frame.subject in record.subjects and bool(frame.actions) and carried and one_sentence


def part_covered(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """One part of a message with several is checked like a whole question: « …, et qui les recycle ? » names
    a verb no record carries, and its answer says so instead of a party."""
    record = record_of(kb, answer)
    if record is None or answer.kind != "responsibility":
        return answer
    found = _asked_gap(kb, text)
    subject = kb.subjects.get(answer.subject or "")
    if found is None and subject is not None and not vocabulary_for(kb).detect(text).subjects:
        # The part names its thing through a pronoun: its verb is checked against the thing named before.
        found = coverage.gap(kb, restated(text, subject.label))
    if found is not None:
        return silences.uncovered(kb, found.point, record, answer.subject)
    # « …, le vidéoprojecteur doit être remplacé : qui décroche l'ancien ? »: a verb of the base's words that names
    # no action, as in a whole question.
    act = unsettled_act(kb, text, record)
    return silences.uncovered(kb, act.point, record, answer.subject, word_absent=False) if act is not None else answer


def record_of(kb: KnowledgeBase, answer: Answer) -> Optional[Obligation]:
    return next((o for o in kb.obligations if o.id == answer.obligations[0]), None) if answer.obligations else None


def settled_by(kb: KnowledgeBase, action: str, acts) -> bool:
    """Whether a record with ``acts`` answers a question on ``action``: it carries it (or an act implying it), or an
    act that settles it for this check only (message_kinds.yml `settled_by`: renewing a licence is buying it again,
    though a renewal asked never ranks a purchase record first)."""
    return lexicon_for(kb).carried_by(action, acts) \
        or bool(set(lexicon_for(kb).markers.get("settled_by", {}).get(action, ())) & set(acts))


def _answering(kb: KnowledgeBase, action: str) -> set[str]:
    """``action`` and the acts implying it (message_kinds.yml ``implied_by``)."""
    return {action, *lexicon_for(kb).markers.get("implied_by", {}).get(action, ())}


def _carried_anywhere(kb: KnowledgeBase, action: str) -> bool:
    """Whether any record of the agreement carries ``action`` (or an act implying it)."""
    return any(_answering(kb, action) & set(o.actions) for o in kb.obligations)


def carried(kb: KnowledgeBase, subject: Optional[str], action: str) -> bool:
    """Whether any record about ``subject`` or its parents carries ``action``: then the composer's choice
    stands (it weighs roles and words the coverage check does not), only a verb no record carries narrows."""
    answering = _answering(kb, action)
    return any(answering & set(o.actions) for o in obligations_about(kb, subject))


# The readings offered under a question no record covers: enough to be a choice, few enough to read.
_READINGS = (2, 3)


def _with_readings(kb: KnowledgeBase, answer: Answer, nearest: Obligation, text: str) -> Answer:
    """A question turning on a word no record carries may still be one the text answers in its own words
    (« lancer l'import » for the administrative applications): the reply that says so also offers the nearest
    readings as buttons, the record quoted first, so that the user can reach it rather than stop at a silence
    that may be the bot's misreading."""
    choices = nearby_readings(kb, nearest, answer.subject, text)
    if choices:
        answer.choices = choices
        answer.text += " Si votre question porte en fait sur l'un de ces points, choisissez-le :"
    return answer


def by_words(kb: KnowledgeBase, records: Sequence[Obligation], text: str) -> list[Obligation]:
    """``records`` (prohibitions aside) ordered by how many of ``text``'s own words each uses, then of the words of
    the clauses that ask (« …, faut-il prévenir le Département pour son inventaire ? »), then of the parties it names
    (« Canopé n'organise pas de sessions sur les logiciels pédagogiques ? »: its training, before their referencing);
    ties keep their order."""
    asking = " ".join(asking_clauses(text))
    named = set(named_parties(kb, text))
    candidates = [o for o in records if o.role != "must_not" and o.subjects and o.actions]
    return sorted(candidates, key=lambda o: (-shared_words(kb, o, text), -shared_words(kb, o, asking),
                                             -len(named & set(o.parties))))


def worded_records(kb: KnowledgeBase, text: str, besides: Sequence[str] = (), limit: int = 1) -> list[Obligation]:
    """The records, those about ``besides`` aside, that use most of ``text``'s own words (at least two): a reading
    the words point to when the subject recognised may be the wrong one, or none was."""
    if not text:
        return []
    ranked = by_words(kb, [o for o in kb.obligations if not set(o.subjects) & set(besides)], text)
    return [o for o in ranked[:limit] if shared_words(kb, o, text) >= _OWN_WORDS]


def with_best_worded(kb: KnowledgeBase, choices: list[Choice], text: str, limit: int) -> list[Choice]:
    """``choices`` with, from the third on, the readings of the records that use most of ``text``'s own words
    anywhere in the agreement, those not already offered, up to ``limit`` buttons: the readings chosen from the
    subject recognised may all miss a question that the words point elsewhere (« Canopé n'organise pas de sessions
    pour apprendre les logiciels pédagogiques ? »: training, not their referencing or installation)."""
    if len(choices) < 2:
        return choices
    offered = {(c.subject, c.action) for c in choices}
    worded: list[Choice] = []
    for record in by_words(kb, kb.obligations, text):
        if not shared_words(kb, record, text):
            break  # (ordered: the rest share no word either, and a reading no word points to is noise)
        choice = reading_choice(kb, record)
        if choice is not None and (choice.subject, choice.action) not in offered:
            offered.add((choice.subject, choice.action))
            worded.append(choice)
            if len(worded) == limit:
                break
    # The best-worded reading comes third; the others only fill what is left.
    return (choices[:2] + worded[:1] + choices[2:] + worded[1:])[:limit]


def reading_choice(kb: KnowledgeBase, record: Obligation, chain: Sequence[str] = ()) -> Optional[Choice]:
    """The button that asks the question again about ``record``'s thing (the first of ``chain`` it is about) and
    action (« Installation : le vidéoprojecteur »)."""
    about = next((s for s in chain if s in record.subjects), record.subjects[0] if record.subjects else None)
    action = next(iter(record.actions), None)
    if about is None or action is None:
        return None
    thing = kb.subjects[about]
    label, named = lexicon_for(kb).reading_labels[action], thing.incident_label or thing.label
    if normalise(label) in normalise(named).split():
        return Choice(named[:1].upper() + named[1:], about, action)  # « L'assistance », not « Assistance : l'assistance »
    return Choice(f"{label} : {named}", about, action)


def nearby_readings(kb: KnowledgeBase, nearest: Obligation, subject: Optional[str], text: str = "") -> list[Choice]:
    """The nearest record's reading (its thing and its action), then the other records of the same thing and the two
    elsewhere that use most of the question's own words, in the order of those words (:func:`by_words`), as
    buttons; none when fewer than two differ."""
    chain = subject_chain(kb, subject) if subject is not None and subject in kb.subjects else list(nearest.subjects)
    others = [o for o in kb.obligations if o is not nearest and set(o.subjects) & set(chain)]
    # The question's words order the other readings: of the same thing, or the best two elsewhere.
    ranked = by_words(kb, others + worded_records(kb, text, chain, limit=2), text) if text else others
    choices: list[Choice] = []
    for record in [nearest, *[o for o in ranked if o.role != "must_not"]]:
        choice = reading_choice(kb, record, chain)
        if choice is None or any(c.subject == choice.subject and c.action == choice.action for c in choices):
            continue
        choices.append(choice)
        if len(choices) == _READINGS[1]:
            break
    if len(choices) < _READINGS[0]:
        return []
    offered = with_best_worded(kb, choices, text, _READINGS[1] + 1) if text else choices
    # Two acts on one thing may read the same (« Formation et accompagnement pédagogique » names both): one button.
    return [c for at, c in enumerate(offered) if all(c.label != o.label for o in offered[:at])]
