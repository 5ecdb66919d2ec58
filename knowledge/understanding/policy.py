"""The decision policy (issue 11): from a :class:`Frame`, answer, ask back, say the agreement is silent,
decline, or hand over to the older composer (knowledge/answers.py) for what it already does well.

- decline when the message is out of scope (a polite reply, with a pointer when there is one);
- say the agreement is silent when the message asks about a point it leaves open (inferences.yml silences
  found by their words, subjects.yml `not_specified` topics): no party is named, whether the message reads
  as a question, a yes/no check or a fault to report;
- ask back with 2–4 buttons when an ambiguous word decides and nothing in the message settles it;
- answer each part of a message with several problems (up to 3);
- problem report: who handles it, the line and whether it is open now, and « Déclarer l'incident »;
- requests that are not incidents (training, new equipment, an extension or a move, a phone line): the
  procedure the agreement gives;
- checks of a fact (a phone number, a day or hour, « c'est pas X ? »), the agreement's own facts;
- a yes/no is computed by comparing the party asked about with the record's (:func:`yes_no_verdict`).

Every decision carries a trace: the words and records that led to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from knowledge import silence_answers as silences
from knowledge.answer_types import Answer, Choice
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.query import subject_chain
from knowledge.records import KnowledgeBase, Obligation
from knowledge.schedule import now_paris
from knowledge.understanding import compose, coverage, line_details, record_choice
from knowledge.understanding.fact_check import value_missing
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import contains, lexicon_for
from knowledge.understanding.readings import family
from knowledge.understanding.syntax import restated
from knowledge.understanding.verdict import frame_of, yes_no_verdict  # noqa: F401  (re-exported)
from knowledge.vocabulary import vocabulary_for


@dataclass(frozen=True)
class Decision:
    """What the policy decided. ``answer`` is None when it hands over to the older composer (``defer``)."""

    outcome: str  # answer | clarify | decline | silent | report | several | procedure | defer
    answer: Optional[Answer]
    frame: Frame
    trace: tuple[str, ...] = field(default=())


def decide(kb: KnowledgeBase, text: str, *, intent: Optional[str] = None, now: Optional[datetime] = None,
           followup: bool = False, context_subject: Optional[str] = None) -> Decision:
    """The policy's decision for one message (``followup``: an elliptic turn the composer completes from
    the conversation context, which the policy leaves to it; ``context_subject``: what the previous
    question was about, which can settle an ambiguous word: "les options ?" after a question on the autocom)."""
    frame = frame_of(kb, text or "")
    now = now or now_paris()
    trace = list(frame.evidence)

    def done(outcome: str, answer: Optional[Answer], why: str) -> Decision:
        trace.append(f"décision : {outcome} — {why}")
        if answer is not None:
            records = answer.obligations or ([answer.line] if answer.line else [])
            if records or answer.articles:
                trace.append(f"enregistrements : {', '.join(records) or '—'} ; articles : {', '.join(answer.articles) or '—'}")
        return Decision(outcome, answer, frame, tuple(trace))

    if not frame.normalised or followup:
        return done("defer", None, "message vide ou suite d'une question précédente")
    if (detail := line_details.asked_of_line(kb, frame, now)) is not None:
        return done("silent", detail, "détail d'une ligne d'assistance que la convention ne donne pas")
    if frame.kind.value == "out_of_scope" and frame.out_of_scope is not None:  # the frame sets both together
        return done("decline", compose.decline(kb, frame.out_of_scope), f"hors champ : {frame.out_of_scope}")
    if frame.kb_out_of_scope and not [s.value for s in frame.subjects if s.value not in _GENERAL_TOPICS]:
        # "la licence de Pronote", « le car n'est pas venu, je m'adresse à qui ? »: nothing else is asked about.
        return done("decline", compose.decline_uncovered(kb, frame.kb_out_of_scope[0]),
                    f"hors champ (subjects.yml) : {frame.kb_out_of_scope[0]}")
    silent = _silence(kb, frame)
    if silent is not None:
        return done("silent", *silent)
    undecided = frame.undecided
    if undecided is not None and context_subject is not None and context_subject in kb.subjects:
        settled = next((r for r in undecided.entry.readings
                        if r.subject and family(kb, r.subject) == family(kb, context_subject)), None)
        if settled is not None:
            # "les options, qui les paie ?" after the autocom: the reading the previous subject settles.
            answer = answer_directly(kb, frame.text, intent=intent, subject=settled.subject, now=now)
            return done("answer", answer,
                        f"« {undecided.word} » tranché par le sujet précédent « {context_subject} » : {settled.subject}")
    if undecided is not None and not frame.subjects and not (frame.kb_out_of_scope or frame.not_specified):
        answer = compose.clarify(kb, undecided.entry, undecided.word, None,
                                 fault=frame.kind.value == "problem_report" or bool(
                                     lexicon_for(kb).marked("kinds", "problem", frame.normalised.split())))
        return done("clarify", answer, f"« {undecided.word} » a plusieurs sens et rien ne tranche")
    if not frame.subjects and _subject_changed(frame) and not frame.parts:
        # « une adresse mail » is no address of the text: the reading removed the only subject the words gave,
        # so nothing the agreement names is asked about; the composer, which reads the words alone, would
        # answer about the postal addresses.
        return done("unknown", silences.unknown(kb, vocabulary_for(kb).detect(frame.text)),
                    "le seul sujet des mots a été écarté par le sens du mot ambigu")
    agreement = _agreement(kb, frame)
    if agreement is not None:
        # The knowledge base's own answer on the agreement (« Vu… », dates) wins: it cites each fact's section.
        direct = answer_directly(kb, frame.text, intent=intent, now=now)
        if direct.kind == "agreement" and direct.articles and not direct.text.endswith(_OVERVIEW_END) and not \
                agreement[1].startswith(("définition", "question de durée", "la convention et")):
            return done("answer", direct, f"{agreement[1]} ; réponse de la base sur la convention")
        return done("answer", agreement[0], agreement[1])
    if frame.phones and (frame.days or frame.clock):
        # "le <numéro> répond le dimanche ?": that number's line, compared with the moment asked.
        return done("answer", compose.hours_check(kb, frame, now), "jour ou heure comparés aux horaires du numéro cité")
    if frame.question_type.value == "check_fact" and frame.phones:
        return done("answer", compose.phone_check(kb, frame, now), "numéro comparé à ceux des lignes d'assistance")
    if frame.question_type.value == "when_open_now" and (frame.days or frame.clock) and not _real_subjects(frame):
        return done("answer", compose.hours_check(kb, frame, now), "jour ou heure comparés aux horaires des lignes")
    if frame.parts:
        answers = []
        for part in frame.parts:
            about = part.subjects[0] if part.subjects else None
            tokens = normalise(part.text).split()
            # A question beside faults is still a question, unless it only asks whom to call about it.
            calls = bool(lexicon_for(kb).marked("questions", "which_number", tokens)
                         or lexicon_for(kb).marked("kinds", "each", tokens))  # « … qui pour chaque ? »
            silence, named = vocabulary_for(kb).detect(part.text).not_specified, silences.silence_named(kb, " ".join(tokens))
            if silence or named:
                # « … et qui assure les ordinateurs contre le vol ? »: a point the text leaves open, in this part.
                answers.append((part.text, silences.silence_answer(kb, named, None, part.actions) if named
                                else silences.topic_not_specified(kb, silence[0])))
            elif about and (part.problem or (frame.kind.value == "problem_report" and (not part.asks or calls))):
                answers.append((part.text, compose.problem_report(kb, about, part.actions, now, text=part.text)))
            else:
                answer = answer_directly(kb, part.text, subject=about, now=now)
                answer = silences.value_not_given(kb, answer) if value_missing(part.text, answer) else answer
                answers.append((part.text, _part_covered(kb, part.text, answer)))
        return done("several", compose.several(kb, answers, problems=all(p.problem for p in frame.parts)),
                    f"{len(answers)} parties, une réponse chacune")
    subject = frame.subject
    if frame.party_check and subject and frame.asked_party.value:
        record = record_choice.compared_record(kb, frame)
        if record is not None:
            return done("answer", compose.negative_check(kb, frame, record),
                        f"partie interrogée « {frame.asked_party.value} » comparée à l'enregistrement {record.id}")
    if frame.kind.value == "problem_report" and subject and frame.question_type.value in (None, "who", "which_number", "when_open_now"):
        answer = compose.problem_report(kb, subject, frame.actions, now, text=frame.text, circumstantial=bool(frame.circumstances))
        return done("report", answer, f"panne sur « {subject} » : ligne {answer.line}")
    if frame.kind.value == "request" and subject and frame.question_type.value in (None, "how"):
        # « une prise réseau en plus » is a change to it: the subject's by_action reading gives the procedure.
        by_action = kb.subjects[subject].by_action  # « déménager la salle informatique »: moving, not modifying
        subject = next((by_action[a] for a in frame.actions if a in by_action), by_action.get("modifier", subject))
        answer = answer_directly(kb, frame.text, intent="ask_procedure", subject=subject,
                                 action=frame.reading_action or next(iter(frame.actions), None), now=now)
        return done("procedure", answer, f"demande (pas une panne) sur « {subject} » : la procédure de la convention")
    if not subject and frame.yes_no and frame.asked_party.value and frame.actions:
        records = record_choice.records_for_party_action(kb, frame)
        if records:
            return done("answer", compose.party_action(kb, frame, records),
                        f"action « {frame.actions[0]} » et partie « {frame.asked_party.value} » trouvées ensemble")
    if subject and (_subject_changed(frame) or frame.reading_action or _agreement_topic_first(kb, frame)):
        # A reading that implies an action ("résilier la ligne": who manages the contracts) is passed on.
        answer = answer_directly(kb, frame.text, intent=intent, subject=subject, action=frame.reading_action, now=now)
        return done("answer", answer, f"sujet retenu par la compréhension : « {subject} »")
    return done("defer", None, "le composeur habituel répond")


def _silence(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    """The point the agreement leaves open that the message asks about, answered as such (issue 11).

    Before any rule that merely sits nearby: « l'électricité des serveurs, c'est le collège qui la paie ? »
    is about the electricity, which no record assigns, not about the servers. A message with several
    problems is left to the per-part answers."""
    if frame.parts:
        return None
    silence = silences.silence_named(kb, frame.normalised)
    if silence is not None:
        return (silences.silence_answer(kb, silence, None, frame.actions),
                f"point que la convention laisse ouvert : {silence.id} (ses mots sont dans le message)")
    if frame.not_specified:
        topic = frame.not_specified[0]
        return silences.topic_not_specified(kb, topic), f"sujet que la convention ne règle pas (subjects.yml) : {topic}"
    things = [s for s in _real_subjects(frame) if kb.subjects[s].kind != "agreement"]
    if frame.question_type.value == "duration" and (things or frame.actions) and not _about_agreement(kb, frame):
        # The text's durations are the agreement's own (term, notice): none is a delay for a thing or a task
        # (« la réparation dure combien de temps ? »).
        about = things[0] if things else None
        return silences.no_duration(kb, about), f"durée demandée pour « {about or frame.actions[0]} », pas pour la convention"
    return None


def _about_agreement(kb: KnowledgeBase, frame: Frame) -> bool:
    """Whether the message names the agreement or one of its own topics (notice, amendments…): the words of
    the term itself (« combien de temps », « durée ») ask how long, not about what."""
    return "convention" in frame.normalised.split() or _NOTICE_ACTION in frame.actions or any(
        kb.subjects[s].kind == "agreement" and s != "duree" for s in _real_subjects(frame))


_OVERVIEW_END = "qui paie quoi…"  # the overview of the agreement ends so: it answers no particular question
# Terminating: with a duration asked, the agreement's notice (article 13), not its term.
_NOTICE_ACTION = "resilier"


def _real_subjects(frame: Frame) -> list[str]:
    return [s.value for s in frame.subjects if s.value is not None and s.value not in ("assistance",)]


def _agreement_topic_first(kb: KnowledgeBase, frame: Frame) -> bool:
    """« les litiges vont au tribunal administratif ? »: an agreement topic named first and clearly decides."""
    first = frame.subject
    return first is not None and first in kb.subjects and kb.subjects[first].kind == "agreement" \
        and first not in _GENERAL_TOPICS and frame.subjects[0].confidence >= 0.8 and len(frame.subjects) > 1


# Agreement topics named by everyday words (« représente », « suivre »): they decide nothing against another subject.
_GENERAL_TOPICS = ("parties", "correspondance", "suivi_convention", "objectifs", "duree", "adresses")


def _subject_changed(frame: Frame) -> bool:
    """True when reading ambiguous words or the parse chose another subject than the words alone."""
    return any(e.startswith(("sujets du vocabulaire", "analyse syntaxique", "mot ambigu")) for e in frame.evidence)


def _agreement(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    tokens = frame.normalised.split()
    lexicon = lexicon_for(kb)
    qtype = frame.question_type.value
    if qtype == "duration":
        # « combien de temps avant faut-il prévenir pour résilier ? » asks the notice, not the term.
        term = "resiliation" if _NOTICE_ACTION in frame.actions else "duree"
        answer = compose.term_answer(kb, term)
        if answer:
            return answer, f"question de durée : le terme « {term} »"
    if frame.glossary and (qtype == "definition" or (qtype == "who" and _asks_who_is(tokens) and not frame.actions)):
        answer = compose.definition(kb, frame.glossary, frame.text)
        if answer:
            return answer, f"définition de « {frame.glossary} » avec l'enregistrement qui emploie le mot"
    # "un litige entre les signataires": the subject is the dispute, not the signatures. A phrase of several
    # words ("commission permanente") is specific enough to decide whatever else the message names.
    other_subject = frame.subject not in (None, "parties", "correspondance", "suivi_convention", "objectifs", "duree",
                                          "assistance")
    order = ("signatories", "signature_place", "previous_convention", "commission_permanente", "legal_references")
    for fact in order:
        words = lexicon.marked("agreement", fact, tokens)
        if not words or (other_subject and not any(" " in w for w in words)):
            continue
        if fact == "legal_references" and words == ["vu"] and tokens[:1] != ["vu"] and "convention" not in tokens:
            continue  # "vu" is also the past participle of "voir"
        if fact == "signatories" and not ({"convention", "signe", "signee", "signataires", "signataire"} & set(tokens)):
            continue
        answer = compose.agreement_fact(kb, fact)
        if answer:
            return answer, f"fait de la convention « {fact} » (mots : {', '.join(words)})"
    if not _real_subjects(frame) and {"convention", "accord"} & set(tokens):
        # « la convention peut-elle être modifiée ? »: the agreement named with none of its topics; the words
        # of message_kinds.yml agreement_topics choose one rather than an overview that dodges the question.
        for topic, words in lexicon.markers["agreement_topics"].items():
            found = [w for w in words if contains(tokens, w)]
            if found:
                answer = answer_directly(kb, frame.text, subject=topic)
                return answer, f"la convention et « {found[0]} » : sujet « {topic} »"
    return None


def _asks_who_is(tokens: list[str]) -> bool:
    """"c'est qui le RUPN ?", "qui est le référent ?": asks what someone is, not who does something."""
    text = " ".join(tokens)
    return text.startswith(("c est qui", "qui est", "c qui", "cest qui")) or " c est qui" in f" {text}"


# Actions that only ask who is in charge: any record in charge of the subject answers them.
_IN_CHARGE_ACTIONS = ("gerer",)


def covered(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> tuple[Answer, Optional[str]]:
    """The answer, or « la convention ne précise pas » when the question turns on a verb or a thing the
    knowledge base has no word for, beside the subject the record is about (:mod:`coverage`): the record
    found is then about something nearby, and naming its party would designate someone the text does not.
    The nearby record is still quoted, as what the text says closest. Returns the answer and why it changed."""
    frame = decision.frame
    record = _record_of(kb, answer)
    if record is None or frame.parts:
        return answer, None
    if decision.outcome == "report":
        # « la lampe du TBI a grillé, qui paie l'ampoule ? »: the fault goes to its line, but the question asked
        # beside it is checked like any other.
        found = coverage.gap(kb, text) if frame.question_type.value == "who" else None
        if found is None:
            return answer, None
        return (silences.uncovered(kb, found.point, record, answer.subject),
                f"« {found.word} » demandé à côté d'une panne n'est pas un mot de la base : l'enregistrement "
                f"{record.id} ne couvre pas la question")
    # A who-question about buying something (« les coques des tablettes, c'est à qui de les acheter ? ») reads
    # as a request too: it is checked the same way.
    asks = frame.kind.value == "question" or (frame.kind.value == "request" and frame.question_type.value == "who")
    if decision.outcome not in ("answer", "defer") or answer.kind != "responsibility" or not asks:
        return answer, None
    # A word the agreement does not contain first: « the agreement does not say » is then certain.
    found = coverage.gap(kb, text)
    if found is not None:
        return (silences.uncovered(kb, found.point, record, answer.subject),
                f"« {found.word} » ({'action' if found.role == 'action' else 'chose'} demandée) n'est pas un mot de "
                f"la base, à côté de « {found.known} » : l'enregistrement {record.id} ne couvre pas la question")
    if (answer.actions or frame.actions) and record.role != "must_not" and frame.question_type.value in (None, "who", "may_i", "check_fact") \
            and not (set(answer.actions) | set(frame.actions)) & set(record.actions):
        # No action asked is one the record carries (« qui forme les parents à l'ENT ? » found the ENT's
        # eligibility): if the question's own verb names one that no record of the subject carries, the record
        # does not answer it; the reply says only that the records found do not say it.
        asked = coverage.asked_action(kb, text)
        if asked is not None and asked[0] not in _IN_CHARGE_ACTIONS and not _carried(kb, answer.subject, asked[0]):
            return (silences.uncovered(kb, asked[1].point, record, answer.subject, word_absent=False),
                    f"l'action demandée « {asked[0]} » (« {asked[1].word} ») n'est pas dans l'enregistrement {record.id}")
    return answer, None


def _part_covered(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """One part of a message with several is checked like a whole question: « …, et qui les recycle ? » names
    a verb no record carries, and its answer says so instead of a party."""
    record = _record_of(kb, answer)
    if record is None or answer.kind != "responsibility":
        return answer
    found = coverage.gap(kb, text)
    subject = kb.subjects.get(answer.subject or "")
    if found is None and subject is not None and not vocabulary_for(kb).detect(text).subjects:
        # The part names its thing through a pronoun: its verb is checked against the thing named before.
        found = coverage.gap(kb, restated(text, subject.label))
    return silences.uncovered(kb, found.point, record, answer.subject) if found is not None else answer


def _record_of(kb: KnowledgeBase, answer: Answer) -> Optional[Obligation]:
    return next((o for o in kb.obligations if o.id == answer.obligations[0]), None) if answer.obligations else None


def _carried(kb: KnowledgeBase, subject: Optional[str], action: str) -> bool:
    """Whether any record about ``subject`` or its parents carries ``action``: then the composer's choice
    stands (it weighs roles and words the coverage check does not), only a verb no record carries narrows."""
    chain = subject_chain(kb, subject) if subject is not None and subject in kb.subjects else []
    answering = {action, *lexicon_for(kb).markers.get("implied_by", {}).get(action, ())}
    return any(answering & set(o.actions) for o in kb.obligations if set(o.subjects) & set(chain))


def ask_back(kb: KnowledgeBase, answer: Answer, text: str = "") -> Answer:
    """A message that names no equipment or service gets the main subjects as buttons (message_kinds.yml
    `unknown_choices`): a question back rather than a dead end. When it turns on words the agreement does not
    contain at all (« l'affectation des élèves en lycée »), the reply first says so, which is true whatever
    was meant, and the buttons stay for a question that was about the agreement after all (« rien ne
    fonctionne » has no such word and only gets the question back). The answer stays ``unknown`` so that it
    is still logged among the unanswered questions."""
    if answer.kind != "unknown" or answer.choices:
        return answer
    lexicon = lexicon_for(kb)
    # « ça bug », « plus rien ne marche »: each button then says who handles a fault on that subject, with the
    # line and the offer to declare it (knowledge.answers, a repair chosen by button).
    fault = bool(lexicon.marked("kinds", "problem", normalise(text).split()))
    answer.choices = [Choice(kb.subjects[s].incident_label or kb.subjects[s].label, s, "reparer" if fault else None)
                      for s in lexicon.unknown_choices]
    absent = coverage.absent_words(kb, text)[:3]
    if absent:
        named = " ni ".join(f"« {w} »" for w in absent)
        answer.text = (f"La convention ne mentionne pas {named} : elle porte sur l'informatique et les "
                       "télécommunications des collèges publics (qui achète, installe, maintient, assiste). "
                       "Si votre question porte bien sur l'un de ces sujets, lequel ?")
    elif fault:
        answer.text = ("De quel équipement ou service s'agit-il ? Je vous dirai qui s'en occupe, comment le joindre "
                       "et, si besoin, je prépare la déclaration.")
    else:
        answer.text = "Je n'ai pas trouvé de quel équipement ou service vous parlez : de quoi s'agit-il ?"
    return answer


def names_nothing(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message names no equipment, service or topic at all (« ya un bug », « rien ne marche »):
    the action layer asks back rather than opening a declaration that would have to ask the same."""
    frame = frame_of(kb, text or "")
    return not frame.subjects and not frame.out_of_scope and not frame.kb_out_of_scope and not frame.not_specified


def declines(kb: KnowledgeBase, text: str) -> bool:
    """Whether the policy declines a message or says the agreement is silent on it, for the action layer to
    check before it starts an incident declaration (« fuite d'eau dans la salle 4 » is no ticket for any
    support line of the agreement)."""
    return decide(kb, text or "").outcome in ("decline", "silent")


def is_ticket_operation(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message is about an existing ticket ("ajouter un commentaire à mon ticket"), for the
    action layer to check before it runs a ticket flow on ordinary words ("rajouter 3 prises réseau").
    A ticket named is enough, even beside a fault ("précisez sur mon incident que la panne est revenue")."""
    frame = frame_of(kb, text or "")
    return frame.kind.value == "ticket_operation" or bool(
        lexicon_for(kb).marked("kinds", "ticket_operation", frame.normalised.split()))


def answers_instead_of_declaring(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message NLU took for an incident declaration is rather a request the agreement gives a procedure
    for ("nous souhaitons 15 nouveaux ordinateurs"), several problems to answer one by one, a word whose meaning
    decides the service ("mon portable"), a topic named to ask about ("une question sur le wifi") or a question."""
    frame = frame_of(kb, text or "")
    undecided = frame.undecided is not None and not frame.subjects
    about = frame.kind.value != "problem_report" and bool(lexicon_for(kb).marked("kinds", "about", frame.normalised.split()))
    asked = frame.kind.value == "question" and (text or "").rstrip().endswith("?") and not (  # « …, faut une demande ? »
        lexicon_for(kb).marked("kinds", "problem", frame.normalised.split()))
    return frame.kind.value == "request" or len(frame.parts) > 1 or undecided or about or asked
