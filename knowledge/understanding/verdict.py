"""The yes/no verdict of a question, computed from the party (or action) asked about and the record that
answers it: never a bare « Oui » or « Non » from a default (issue 11)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.query import CHARGE_ROLES, GENERAL_SECTIONS, IN_CHARGE_ACTIONS, subject_chain
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase, Obligation
from knowledge.silence_answers import lowered
from knowledge.understanding import coverage
from knowledge.understanding.answer_coverage import record_of, verb_settled_by
from knowledge.understanding.asked_acts import asked_action, content_predicate, unnamed_act
from knowledge.understanding.decision_cases import names_a_decision
from knowledge.understanding.exceptions import (
    exception_named,
    leave_named,
    leave_required,
    names_the_exception,
    touches_the_exception,
    without_condition,
)
from knowledge.understanding.frame import Frame, understand
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.understanding.message_parts import asking_clauses, clauses, sentences
from knowledge.understanding.polarity import restrictive_claim
from knowledge.understanding.requirements import on_anothers_request, parties_stated, skipped
from knowledge.understanding.syntax import state_asked
from knowledge.vocabulary import vocabulary_for

# Actions a party does for itself: a record giving them to another party answers "non" to "on doit… ?".
# Services the collège receives (training, support, advice) are not among them: "on a des formations ?"
# is not answered "non" because Canopé gives them.
_DUTY_ACTIONS = {"acheter", "payer", "installer", "maintenir", "reparer", "gerer", "renouveler", "modifier",
                 "administrer", "definir", "valider", "decider", "intervenir", "deplacer", "remplacer", "verifier"}
# Acts of spending: one of the collège's people asked as doing them is asked whether they pay themselves.
_MONEY_ACTIONS = frozenset({"payer", "acheter"})
# Acts of a party that approves or is consulted: a question on them is about the record's condition.
_APPROVAL_ACTIONS = {"decider", "valider", "concerter", "consulter", "demander", "verifier", "conseiller"}
# « c'est à nous de le faire ? », « c'est au Département de… ? »: whose job it is, whatever the verb.
_WHOSE_JOB = re.compile(r"\bc(?: est)? (?:bien |vraiment )?(?:a|au|aux) \w+(?: \w+)? d(?:e)?\b")
# Words that ask a permission, whatever the question's form (« a-t-il le droit de… ? »); « peut-il venir… ? » may
# ask what a party does.
_PERMISSION = frozenset({"droit", "autorise", "autorisee", "autorises", "autorisees"})
# « les collègues peuvent installer eux-mêmes des logiciels ? »: the collège asking what it may do; another party's
# duty forbids it nothing.
_MAY = frozenset({"peut", "peuvent", "peux", "pouvons", "pouvez", "pourrait", "pourraient", "pourrions", "pourriez",
                  "pourrais"})
# Records that state what applies (a rule for all, a permission) rather than who is in charge.
_STATEMENT_ROLES = {"rule", "may"}


# Words that suppose a case met (« si c'est une expérimentation », « dans le cadre d'une … »).
# (Not the « s » of « s'il », which « s'en occuper » shares.)
_SUPPOSING = frozenset({"si", "cadre", "cas"})
# Acts of asking for something (vocabulary.yml actions): a prohibition on doing never forbids them.
_ASKING_ACTS = frozenset({"demander", "proposer"})


@lru_cache(maxsize=256)
def frame_of(kb: KnowledgeBase, text: str) -> Frame:
    """The frame of a message, cached: the composer asks for the yes/no verdict of the same text."""
    return understand(kb, text)


def yes_no_verdict(kb: KnowledgeBase, text: str, obligation: Obligation, actions=()) -> Optional[str]:
    said = _verdict(kb, text, obligation, actions)
    if said == "oui" and (without_condition(kb, text, obligation) or skipped(kb, text, obligation)):
        # « on peut les poser nous-mêmes sans rien demander ? »: yes, but only after the prior validation the
        # record sets as its condition, which the question leaves out; or the step its statement requires (« sans
        # faire de demande » against « doit faire l'objet d'une demande », requirements.skipped).
        return "non"
    if said == "oui" and ("prealable" in normalise(obligation.condition).split() or _a_step(obligation)) \
            and lexicon_for(kb).marked("questions", "straight_away", normalise(text).split()):
        # « on peut le fixer direct ? »: yes after the prior step the record sets, which « direct » may leave out. So
        # with a record that is itself a step of a route (« un logiciel proposé par le collège entre directement au
        # référentiel ? », « on peut demander directement au Département … ? »): the step is stated, not confirmed
        # as a shortcut.
        return None
    if said == "oui" and on_anothers_request(kb, text, obligation):
        # « le Département installe des ressources pédagogiques si on le lui demande ? »: the record's act is done
        # « sur demande de l'Académie », not on the collège's; it is stated with its condition, not confirmed.
        return None
    if said == "oui" and names_a_decision(kb, obligation.condition) and not names_a_decision(kb, text):
        # « le Département est obligé de nous équiper ? »: scenario 1 holds when the Département agrees (« accord du
        # Département »), scenario 2 when it refuses; a « Oui » from one of them would state its case as the rule.
        return None
    if said == "oui" and obligation.section in GENERAL_SECTIONS:
        # « le Département a la charge des collèges et en assure l'équipement » confirms no particular point:
        # « fournit-il un portable à chaque enseignant ? » gets the statement, not a « Oui ». It can still
        # deny that another party is in charge (« Canopé fournit-il les ordinateurs ? »).
        return None
    return said


_RELATIVE = frozenset({"que", "qu", "qui", "dont", "ou"})


def _uses(kb: KnowledgeBase, tokens: list[str]) -> bool:
    """Whether the question asks about using a thing (message_kinds.yml kinds.using), not in a relative clause that only
    describes one (« l'antivirus *que j'utilise* chez moi »)."""
    return any(not _RELATIVE & set(tokens[max(0, at - 3):at])
               for phrase in lexicon_for(kb).marked("kinds", "using", tokens) for at in phrase_positions(tokens, phrase))


def _a_step(obligation: Obligation) -> bool:
    """Whether a record is a step of a route: an act of asking, proposing, consulting or validating, or a condition."""
    return bool(obligation.condition.strip()) or bool(set(obligation.actions) & (_ASKING_ACTS | _APPROVAL_ACTIONS))


def asks_a_person_to_pay(kb: KnowledgeBase, frame: Frame, obligation: Obligation, actions=()) -> bool:
    """« c'est le prof qui paie son téléphone mobile ? »: the words that name the collège's party here name one of its
    people (message_kinds.yml `own_pocket`), who pays nothing of their own: a record putting the payment or the purchase
    on the collège (its budget) denies it, where it would confirm « c'est le collège qui paie ? »."""
    acts = set(actions) | set(frame.actions)
    return frame.asked_party.value == "college" and frame.asked_party.confidence >= 0.8 \
        and bool(acts & _MONEY_ACTIONS & set(obligation.actions)) and set(obligation.parties) == {"college"} \
        and bool(lexicon_for(kb).marked("questions", "own_pocket", normalise(frame.asked_party.because).split()))


def _verdict(kb: KnowledgeBase, text: str, obligation: Obligation, actions=()) -> Optional[str]:
    """« oui », « non » or None (state the record without a verdict), computed from the party asked about.

    Replaces the old default that took every yes/no question to be about the collège: a verdict is given
    only when the question names a party (or the writer speaks for the collège: on, nous, je) and the
    record says what that party does; "y a-t-il… ?" is answered yes when a record states it.
    """
    frame = frame_of(kb, text or "")
    if not frame.yes_no and frame.question_type.value in ("who", "how", "which_number", "definition", "duration"):
        return None  # "c'est qui le référent ?" asks who, not yes or no
    asked = frame.asked_party.value
    named = frame.asked_party.confidence >= 0.8
    if lexicon_for(kb).marked("questions", "billing", frame.normalised.split()):
        return None  # « … le CD qui ensuite nous facture ? »: who bills, which no record of who pays settles
    if obligation.role == "must_not":
        # « le prof de techno peut recâbler la baie ? »: one of the collège's people asking what they may do is
        # the collège, for a prohibition only (another party's duty forbids nothing).
        tokens = frame.normalised.split()
        own_people = not asked and bool(lexicon_for(kb).marked("questions", "college_people", tokens[:4])) \
            and bool(lexicon_for(kb).marked("questions", "modal", tokens))
        if names_the_exception(frame.normalised, obligation):
            # « si un agent a une qualification agréée et reconnue, il pourrait intervenir ? »: the question is the
            # record's own exception (« sauf qualification agréée … »), met: asked whether it is allowed, « Oui »,
            # with the record, condition included; asked anything else, the record alone answers it.
            allowed = frame.question_type.value == "may_i" or bool(_PERMISSION & set(tokens)) \
                or bool(lexicon_for(kb).marked("questions", "modal", tokens))
            return "oui" if allowed and normalise(obligation.condition).startswith("sauf") else None
        if not frame.actions and _uses(kb, tokens):
            # « les profs peuvent utiliser le wifi pour leurs téléphones ? »: using the network intervenes on nothing.
            return None
        if lexicon_for(kb).marked("kinds", "asking_leave", tokens) and not _ASKING_ACTS & set(obligation.actions):
            # « peut-on demander une prise réseau de plus ? »: asking for something is no intervention the
            # prohibition forbids; the record (and its advice: ask the Département) is stated with no verdict.
            # (« … sans rien demander ? » still asks about acting: the prohibition's « Non » stands.)
            return None
        if leave_required(kb, frame, obligation):
            # « faut-il que le Département donne son feu vert avant que je lance une sauvegarde ? »: the exception is
            # that party's express leave, so its leave is needed: « Oui », with the record and its condition.
            return "oui"
        if touches_the_exception(frame.normalised, obligation) or leave_named(kb, frame, obligation):
            # « un agent qualifié peut modifier le réseau ? », « … si le Département l'autorise ? »: the exception
            # is asked about, not shown met: the record and its condition answer, with no verdict.
            return None
        return "non" if asked == "college" or own_people or (asked and asked in obligation.parties) else None
    if frame.existence and named:
        # « y a-t-il un débit minimum garanti pour chaque collège ? »: a party named in an existence question is
        # whom the thing is for, not a party whose charge is checked; no record of another party's denies it.
        return None
    if frame.existence:
        # "y a-t-il des animations autour des logiciels pédagogiques ?": yes when the record covers every
        # thing named; "des formations aux aspects juridiques ?" is not answered yes by a record on training
        # in general.
        named_things = {s.value for s in frame.subjects} - {"assistance"}
        if lexicon_for(kb).marked("questions", "negative_existence", frame.normalised.split()):
            return None  # (« il n'y a pas de formations … ? »: « Oui » would read as « there are none »)
        if coverage.absent_words(kb, text or "", tags=("NOUN", "PROPN")) or coverage.unknown_acronyms(kb, text or ""):
            return None  # « y a-t-il une charte informatique ? », « un DPO ? »: a thing never named is not confirmed
        return "oui" if named_things <= set(obligation.subjects) else None
    asked_actions = set(actions) | set(frame.actions)
    in_question = _acts_in_question(kb, text or "")
    if _told_acts_only(kb, text or "", asked_actions):
        # « si un logiciel qu'on a proposé est refusé, est-ce qu'on nous donne la raison ? »: the acts are the
        # circumstance's; the clause that asks names none, and the record of proposing does not answer it.
        return None
    if in_question is not None and not named and asked_actions - set(in_question):
        # « On a acheté 12 PC sur nos fonds. On doit les déclarer au Département ? », « Nous voulons installer une
        # application…. Faut-il en parler d'abord au Département ? »: an act of the story before the question is not
        # what it asks; with no party named to check, the record is stated without a verdict. (Only ever removes a
        # verdict: narrowing the acts asked could make a rule seem to carry them all.)
        return None
    if _condition_required(kb, frame, obligation, asked_actions):
        # « il faut une étude préalable pour ajouter des prises réseau ? »: the record's own condition, asked as
        # required for an act the record carries.
        return "oui"
    if obligation.role == "may" and lexicon_for(kb).marked("questions", "required", frame.normalised.split()) \
            and not asked_actions & _APPROVAL_ACTIONS:
        # « un achat sur fonds propres, il faut forcément une délibération du CA ? »: a permission to buy says nothing
        # of what the purchase requires (its own condition asked as required is handled above; a party to consult in
        # it, « faut-il se concerter avec le Département ? », below).
        return None
    if not named and obligation.role in _STATEMENT_ROLES and asked_actions and asked_actions <= set(obligation.actions):
        # « faut-il faire une demande pour déplacer des ordinateurs ? »: a rule (or a permission) that carries
        # every action asked answers yes; one that carries only some of them settles nothing, nor one that does not
        # name a party the question does (« … une demande au rectorat ? » asks to whom, which the rule does not say).
        # Nor does a rule requiring a request (« doit faire l'objet d'une demande ») say yes to the act alone: « on peut
        # déplacer les PC nous-mêmes ? » is allowed only once asked for, which the record states.
        # (« on doit prévenir quelqu'un ? » asks the duty, which the rule confirms.)
        permission = frame.question_type.value == "may_i" or bool((_PERMISSION | _MAY) & set(frame.normalised.split()))
        unasked_request = permission and bool(_ASKING_ACTS & set(obligation.actions) - asked_actions)
        return "oui" if parties_stated(kb, text or "", obligation) and not unasked_request else None
    if not asked:
        return None
    if asks_a_person_to_pay(kb, frame, obligation, asked_actions):
        return "non"
    if not asked_actions and not verb_settled_by(kb, text, obligation.actions):
        # « c'est le Département qui règle les licences ? »: a verb the frame read as no action is settled only by
        # a record carrying what its lemma names, or putting its party in charge of the thing; installing the
        # software neither confirms nor denies it.
        return None
    subject = (frame.subjects[0].value if frame.subjects else None) or ""
    if asked in obligation.parties and subject in kb.subjects and subject not in obligation.subjects \
            and set(subject_chain(kb, subject)[1:]) & set(obligation.subjects) and any(
            subject in o.subjects and o.role in CHARGE_ROLES and asked not in o.parties for o in kb.obligations):
        # « une option sur l'autocom, c'est pris en charge par le Département ? »: a record of the whole (its management
        # of the switchboards) confirms nothing of a thing whose own record puts another party in charge of it.
        return None
    if asked in obligation.parties and not named and state_asked(frame.text):
        # « mon compte est peut-être désactivé ? »: a state asked, the party only guessed from the writer's « mon »:
        # no duty of the collège is checked.
        return None
    if asked in obligation.parties:
        # The party asked is the record's, but « oui » also needs the record to carry what is asked of it: « le
        # Département a le droit de refuser du matériel ? » is not confirmed by its duty to install it, nor « le
        # support peut venir sur place ? » by the line it runs (no action asked: only « c'est bien X qui… ? »).
        # An action implying one of the record's counts (« supprimer les comptes » is managing them).
        implied = lexicon_for(kb).implied(asked_actions)
        carried = (asked_actions | implied) & set(obligation.actions)
        if carried and _BEFORE_DOING.search(frame.normalised):
            # « le Département doit-il nous consulter avant de changer l'autocom ? »: the act asked is the predicate's
            # (consulting, or a verb no action names: « informer »); the one of the record (renewing) only says when.
            # Confirming it would state a duty the text never gives.
            predicate = asked_action(kb, frame.text)
            if predicate is None and unnamed_act(kb, frame.text, any_question=True) is not None:
                return None
            if predicate is not None and not ({predicate[0]} | lexicon_for(kb).implied({predicate[0]})) & set(obligation.actions):
                return None
        # « le Département fait l'inventaire ? »: a light verb asks whether the party handles the thing, which a record
        # of its being in charge (« suit l'inventaire ») settles, not one of a narrower act.
        light = not asked_actions and set(obligation.actions) <= IN_CHARGE_ACTIONS \
            and content_predicate(kb, frame.text) is None
        whose_job = frame.party_check or bool(_WHOSE_JOB.search(frame.normalised)) or light
        return "oui" if carried or (not asked_actions and whose_job) else None
    tokens = frame.normalised.split()
    if frame.question_type.value == "may_i" or _PERMISSION & set(tokens) \
            or asked == "college" and _MAY & set(tokens):
        # « on a le droit d'acheter… ? », « le collège a-t-il le droit de la consulter ? »: another party's duty
        # forbids nothing; only a prohibition (above) answers « non » to a permission.
        return None
    if obligation.role not in CHARGE_ROLES:
        return None
    if exception_named(kb, frame.normalised, obligation) and asked in named_parties(kb, obligation.condition) \
            and _SUPPOSING & set(frame.normalised.split()):
        # « hors référentiel, le CD peut s'en occuper si c'est une expérimentation validée avec lui ? »: the party asked
        # is the one the record's exception names (« sauf … expérimentation concertée et validée par le
        # Département »), supposed met: « Oui », in that exception.
        return "oui"
    if exception_named(kb, frame.normalised, obligation) or any(
            exception_named(kb, frame.normalised, other) for other in kb.obligations
            if other is not obligation and set(other.subjects) & set(obligation.subjects)):
        # « … le Département peut quand même le maintenir dans le cadre d'une expérimentation ? »: the question
        # is about the record's own exception (« sauf dans le cadre d'une expérimentation »), or that of a record of
        # the same thing (scenario 3's decision to buy, beside its installation and maintenance): no « Non ».
        return None
    if asked in named_parties(kb, obligation.condition) and asked_actions & _APPROVAL_ACTIONS - set(obligation.actions):
        # « faut l'accord technique du Département ? »: the collège installs, on the Département's validation: the
        # party asked has its part in the record's condition, which is what is asked: « Oui », with the record.
        return "oui"
    if named and any(asked in other.parties and asked_actions & set(other.actions) and other.role in CHARGE_ROLES
                     and _shared_topics(kb, other, obligation) for other in kb.obligations):
        # « le Département conseille aussi ? »: the division of competences gives each party its share, none
        # exclusive: the Académie and Canopé's expertise does not deny the Département the advice it gives there.
        # (Not so for a thing: article 7 gives the ENT's technical eligibility to one, its pedagogical one to another.)
        return None
    if named:
        # « il faut l'avis de Canopé pour installer un logiciel ? »: a record that gives no one that approval does not
        # deny it; « Non » only when the record gives the act asked to another party.
        # (A request sent to a party is no approval asked of it: « on envoie nos demandes à Canopé ? » is still
        # denied by the record of who handles them.)
        return None if asked_actions & _APPROVAL_ACTIONS - {"demander"} - set(obligation.actions) else "non"
    return "non" if asked_actions & set(obligation.actions) & _DUTY_ACTIONS else None


def _shared_topics(kb: KnowledgeBase, one: Obligation, other: Obligation) -> bool:
    """Whether two records share subjects, all of them topics of the agreement itself (the division of
    competences), no thing."""
    shared = set(one.subjects) & set(other.subjects)
    return bool(shared) and all(kb.subjects[s].kind == "agreement" for s in shared)


def _condition_required(kb: KnowledgeBase, frame: Frame, obligation: Obligation, asked_actions: set[str]) -> bool:
    """Whether the question asks if the record's condition is required (« il faut une étude préalable pour … ? »):
    two of its words at least, a word of requirement, no « sans », and an act the record carries."""
    tokens = frame.normalised.split()
    condition = normalise(obligation.condition)
    if not condition or condition.startswith("sauf") or "sans" in tokens \
            or not lexicon_for(kb).marked("questions", "required", tokens):
        return False
    if not asked_actions or not asked_actions <= set(obligation.actions) | lexicon_for(kb).implied(asked_actions):
        return False
    stems = {w[:6] for w in condition.split() if len(w) >= 5}
    return len(stems & {w[:6] for w in tokens if len(w) >= 5}) >= 2


def _acts_in_question(kb: KnowledgeBase, text: str) -> Optional[tuple[str, ...]]:
    """The acts of the vocabulary the sentence that asks names (the last one ending with « ? », after a sentence
    that tells the story); None for a message of one sentence."""
    told_then_asked = sentences(text)
    asking = [s for s in told_then_asked if s.rstrip().endswith("?")]
    if len(told_then_asked) < 2 or not asking or asking[-1] == told_then_asked[0]:
        return None
    return tuple(vocabulary_for(kb).detect(asking[-1]).actions)


# An act said as the moment of another (« … avant de changer l'autocom », « après avoir acheté »).
_BEFORE_DOING = re.compile(r"\b(?:avant de|avant d|apres avoir|apres etre)\b")
# Words a clause of circumstance opens on (« si … », « quand … », « une fois … »).
_CIRCUMSTANCE = ("si", "quand", "lorsque", "lorsqu", "une fois", "apres", "des que", "des qu", "avant")


def _told_acts_only(kb: KnowledgeBase, text: str, asked_actions: set[str]) -> bool:
    """Whether every act of the message is in a clause that opens on a circumstance (« si … », « quand … »), and the
    clause that asks, after it, names none."""
    parts = clauses(text)
    asking = asking_clauses(text)
    if len(parts) < 2 or not asking or not asked_actions:
        return False
    told = [c for c in parts if c not in asking]
    if not told or not all(f"{normalise(c)} ".startswith(tuple(f"{w} " for w in _CIRCUMSTANCE)) for c in told):
        return False
    return not any(vocabulary_for(kb).detect(c).actions for c in asking)


def support_verdict(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """A closed question answered by a line card (« le Département doit bien remplacer les téléphones fixes quand ils
    tombent en panne ? »): the verdict the card's record gives, computed as for any record (the party asked
    compared with the record's), before the card. No verdict when the record forbids (a « Oui » would read as
    leave to act) or when none is computed."""
    frame = frame_of(kb, text or "")
    record = record_of(kb, answer)
    if answer.kind != "support" or answer.yes_no or record is None or record.role == "must_not" \
            or not frame.yes_no or frame.parts or answer.text.startswith(("Oui", "Non")):
        return answer
    if frame.days or frame.clock or frame.question_type.value == "when_open_now" \
            or "assistance" in [s.value for s in frame.subjects] \
            or lexicon_for(kb).marked("questions", "declare", frame.normalised.split()):
        # « … le Département répond pendant les vacances ? » asks of the line, « le collège doit signaler les pannes
        # … ? » of who reports: neither asks who handles the thing, which the record says.
        return answer
    said = yes_no_verdict(kb, text, record, frame.actions)
    if said is None:
        return answer
    return replace(answer, text=f"{said.capitalize()}. {answer.text}", yes_no=said)


def no_denial_of_a_party_stated(kb: KnowledgeBase, frame: Frame, answer: Answer) -> Answer:
    """``answer`` without its « Non » when no act is asked and a record the reply states gives the party asked a part
    (« l'Académie n'a rien à voir avec l'ENT ? » → « Non. … l'Académie vérifie l'éligibilité pédagogique »): the
    denial would contradict the reply's own record. With an act asked, the record of another party on that act
    denies it (« l'Académie vérifie l'éligibilité technique ? » → « Non », the Département's)."""
    asked = frame.asked_party.value if frame.asked_party.confidence >= 0.8 else None
    if not answer.text.startswith("Non. ") or frame.actions or asked is None:
        return answer
    stated = [o for o in kb.obligations if o.id in answer.obligations and o.role != "must_not"]
    if not any(asked in o.parties for o in stated):
        return answer
    return replace(answer, text=without_verdict(answer.text), yes_no=None)


def exclusive_denied(kb: KnowledgeBase, frame: Frame, answer: Answer) -> Answer:
    """``answer`` opened with « Non » when the question claims a party alone does an act (« seul le Département a le
    droit de proposer un logiciel ? ») and the record stated gives that act to other parties only: the claim is false
    whoever else may also do it; « Non, pas seulement … » when it gives the act to that party with others. Nothing
    when the record gives it to the party asked alone (it does not say that no one else does it)."""
    if answer.yes_no or answer.text.startswith(("Oui", "Non", "Si")) \
            or not restrictive_claim(kb, frame.normalised.split()):
        return answer
    asked = frame.asked_party.value if frame.asked_party.confidence >= 0.8 else None
    record = record_of(kb, answer)
    if asked is None or record is None or record.role == "must_not" or not set(frame.actions) & set(record.actions):
        return answer
    if asked not in record.parties and not record.line:  # (a line's channel is for others to use: it denies no one)
        return replace(answer, text=f"Non. {answer.text}", yes_no="non")
    if record.role in CHARGE_ROLES and len(record.parties) > 1:
        # « c'est uniquement Canopé qui forme les profs ? »: the record names it with others.
        return replace(answer, text=f"Non, pas seulement {kb.parties[asked].short} : {lowered(answer.text)}",
                       yes_no="non")
    return answer
