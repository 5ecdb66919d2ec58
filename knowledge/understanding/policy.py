"""The decision policy (issue 11): from a :class:`Frame`, answer, ask back, say the agreement is silent,
decline, or hand over to the older composer (knowledge/answers.py) for what it already does well.

- decline when the message is out of scope (a polite reply, with a pointer when there is one);
- say the agreement is silent when the message asks about a point it leaves open (inferences.yml silences
  found by their words, subjects.yml `not_specified` topics): no party is named, whether the message reads
  as a question, a yes/no check or a fault to report;
- ask back with 2–4 buttons when an ambiguous word decides and nothing in the message settles it, or when the
  message names nothing the agreement speaks of and turns on things it never mentions (saying so first);
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
from knowledge.agreement_answers import roles
from knowledge.answer_types import Answer
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.query import by_action, support_line_for
from knowledge.question_reading import is_support_question
from knowledge.records import KnowledgeBase
from knowledge.schedule import now_paris
from knowledge.support_answers import support_by_party
from knowledge.understanding import compose, coverage, hours, line_details, party_roles, record_choice, setting
from knowledge.understanding.agreement_questions import (
    GENERAL_TOPICS,
    NOTICE_ACTION,
    OVERVIEW_END,
    OWN_ANSWERS,
    about_agreement,
    agreement_answer,
    agreement_topic_first,
    no_duration_asked,
    real_subjects,
    reason_answer,
)
from knowledge.understanding.check_with_line import with_line_of
from knowledge.understanding.clause_reading import has_verb
from knowledge.understanding.fact_check import as_typed
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.part_answers import part_answers
from knowledge.understanding.readings import HOW_SUBJECTS, family
from knowledge.understanding.reported_speech import without_teller
from knowledge.understanding.said_of_someone import said_of_someone
from knowledge.understanding.shared_check import checked_of_each, closing_party
from knowledge.understanding.verdict import frame_of, yes_no_verdict  # noqa: F401  (re-exported)
from knowledge.vocabulary import QUESTION_WORDS, vocabulary_for


@dataclass(frozen=True)
class Decision:
    """What the policy decided. ``answer`` is None when it hands over to the older composer (``defer``)."""

    outcome: str  # answer | clarify | decline | silent | report | several | procedure | defer
    answer: Optional[Answer]
    frame: Frame
    trace: tuple[str, ...] = field(default=())
    intent: Optional[str] = None  # the model's intent as the policy kept it (None when the message contradicts it)


def _closed_question_off_support(kb: KnowledgeBase, frame: Frame) -> bool:
    # (« le Département s'occupe-t-il de l'assistance sur … ? » names the support itself: a question on a line.)
    detection = vocabulary_for(kb).detect(frame.text)
    return frame.kind.value == "question" and frame.yes_no and frame.question_type.value == "check_fact" \
        and not is_support_question(detection, None) and not set(HOW_SUBJECTS) & set(detection.subjects)


def decide(kb: KnowledgeBase, text: str, *, intent: Optional[str] = None, now: Optional[datetime] = None,
           followup: bool = False, context_subject: Optional[str] = None) -> Decision:
    """The policy's decision for one message (``followup``: an elliptic turn the composer completes from
    the conversation context, which the policy leaves to it; ``context_subject``: what the previous
    question was about, which can settle an ambiguous word: "les options ?" after a question on the autocom)."""
    frame = frame_of(kb, text or "")
    now = now or now_paris()
    trace = list(frame.evidence)
    if intent == "ask_support" and _closed_question_off_support(kb, frame):
        # « Canopé et l'Académie forment-ils les profs ? » read by the model as a question on support: a closed
        # question that names no line, number or contact and reports no fault checks a fact; the support card
        # would answer it with no yes or no.
        trace.append("intention « ask_support » du modèle écartée : question fermée sans mot d'assistance")
        intent = None

    def done(outcome: str, answer: Optional[Answer], why: str) -> Decision:
        trace.append(f"décision : {outcome} — {why}")
        if answer is not None:
            records = answer.obligations or ([answer.line] if answer.line else [])
            if records or answer.articles:
                trace.append(f"enregistrements : {', '.join(records) or '—'} ; articles : {', '.join(answer.articles) or '—'}")
        return Decision(outcome, answer, frame, tuple(trace), intent)

    # « et les fixes ? » is completed from the previous question; « Et les portables de service, le Département nous
    # les rachète quand ils sont morts ? » is a whole question of its own (a verb, a thing, what is asked).
    elliptic = followup and not (frame.subjects and frame.question_type.value and has_verb(frame.text))
    # (« et pour les écoles primaires ? » names a topic that overrides any thing before it: declined whatever came first.)
    overriding = lexicon_for(kb).topic(frame.out_of_scope) if frame.out_of_scope else None
    elliptic = elliptic and not (frame.kind.value == "out_of_scope" and overriding is not None and overriding.overrides_subjects)
    if not frame.normalised or elliptic:
        return done("defer", None, "message vide ou suite d'une question précédente")
    if (detail := line_details.asked_of_line(kb, frame, now)) is not None:
        return done("silent", detail, "détail d'une ligne d'assistance que la convention ne donne pas")
    if frame.kind.value == "out_of_scope" and frame.out_of_scope is not None:  # the frame sets both together
        return done("decline", compose.decline(kb, frame.out_of_scope), f"hors champ : {frame.out_of_scope}")
    if frame.kb_out_of_scope and not [s.value for s in frame.subjects if s.value not in GENERAL_TOPICS]:
        # "la licence de Pronote", « le car n'est pas venu, je m'adresse à qui ? »: nothing else is asked about.
        return done("decline", compose.decline_uncovered(kb, frame.kb_out_of_scope[0]),
                    f"hors champ (subjects.yml) : {frame.kb_out_of_scope[0]}")
    silent = _silence(kb, frame)
    if silent is not None:
        return done("silent", *silent)
    roles_of = party_roles.asked_roles(kb, frame)
    if roles_of:
        # « Canopé, il fait quoi ? »: after the points the text leaves open (« quelles sanctions s'il ne respecte
        # pas ses engagements ? » asks about sanctions, not its role). Several parties (« l'Académie et Canopé,
        # ils apportent quoi ? »): their shares in the « Répartition des compétences ».
        answer = party_roles.party_role(kb, roles_of[0]) if len(roles_of) == 1 else roles(kb, list(roles_of))
        return done("answer", answer, f"rôle des parties {', '.join(roles_of)} demandé")
    absent = _nothing_known_asked(kb, frame)
    if absent:
        # « le minibus a un pneu à plat, qui appeler ? »: no equipment or service of the agreement is named and the
        # message turns on words the text does not contain: whatever a side word matched, no record answers it.
        # The question back (:func:`ask_back`) first says which words the text does not mention.
        return done("unknown", silences.unknown(kb, vocabulary_for(kb).detect(frame.text)),
                    f"aucun sujet de la convention, et des mots qu'elle ne contient pas : {absent}")
    scene = _thing_beside_the_scene(kb, frame)
    if scene is not None and scene[1] is not None:
        # « le meuble sous l'écran interactif a une porte qui ne ferme plus »: furniture, placed by the screen.
        return done("decline", compose.decline(kb, scene[1]),
                    f"« {scene[0]} » est hors champ ({scene[1]}) ; les mots de la convention ne font que situer le lieu")
    if scene is not None:
        # « les radiateurs de la salle informatique sont glacés » : the agreement's words only say where the thing
        # is; the thing itself is no word of the text, and the line of the room's equipment is no answer.
        return done("unknown", silences.unknown(kb, vocabulary_for(kb).detect(frame.text)),
                    f"« {scene[0]} » n'est pas un mot de la convention ; ses mots à elle ne font que situer le lieu")
    # A number checked names its line, whatever word around it has two readings (« pour les applis, c'est bien ce
    # numéro-là ? »).
    if frame.phones and (frame.days or frame.clock):
        # "le <numéro> répond le dimanche ?": that number's line, compared with the moment asked.
        return done("answer", hours.hours_check(kb, frame, now), "jour ou heure comparés aux horaires du numéro cité")
    if frame.question_type.value == "check_fact" and frame.phones:
        return done("answer", compose.phone_check(kb, frame, now), "numéro comparé à ceux des lignes d'assistance")
    if (someone := said_of_someone(kb, frame.text)) is not None:
        # « le réseau peut venir former l'équipe ? »: Réseau Canopé, or the service that runs the network.
        return done("clarify", compose.clarify(kb, someone[0].word, someone[1], None),
                    f"« {someone[1]} » dit de quelqu'un qui agit ou qu'on contacte : lequel ?")
    undecided = frame.undecided
    if undecided is not None and context_subject is not None and context_subject in kb.subjects:
        settled = next((r for r in undecided.entry.readings
                        if r.subject and family(kb, r.subject) == family(kb, context_subject)), None)
        if settled is not None:
            # "les options, qui les paie ?" after the autocom: the reading the previous subject settles.
            answer = answer_directly(kb, frame.text, intent=intent, subject=settled.subject, now=now)
            return done("answer", answer,
                        f"« {undecided.word} » tranché par le sujet précédent « {context_subject} » : {settled.subject}")
    # (« nos licences expirent, on les renouvelle auprès de qui ? »: « renouveler » alone names no topic of the
    # agreement when the message does not name the agreement; the word with two readings is the thing.)
    named = [s.value for s in frame.subjects
             if s.value is not None and (kb.subjects[s.value].kind != "agreement" or about_agreement(kb, frame))]
    if undecided is not None:
        # « un logiciel de cartographie … sur nos postes, comment on fait la demande ? »: « postes » read as computers by
        # the cue « logiciel », the very word left undecided, names nothing the writer decided: « logiciel » is asked.
        cued = {a.reading.subject for a in frame.ambiguities
                if a.how == "cue" and a.reading is not None and normalise(a.cue) == normalise(undecided.word)}
        # « mon compte est bloqué, qui appeler ? »: in a fault, the lines (« appeler ») are asked of the thing, which
        # stays open (the lines' own hours, « l'assistance ouvre à 8 h ? », are no fault).
        fault = frame.kind.value == "problem_report"
        # « mon compte est bloqué, qui peut me le débloquer ? »: a generic word (subjects.yml ``weak``: « débloquer »
        # a site) names no thing beside the open word that does, unless it names one of its readings (« le
        # renouvellement des postes, du matériel de 2012 »: computers).
        strong = {m.id for m in vocabulary_for(kb).matches(frame.text, ("subject",))}
        readings = {family(kb, r.subject) for r in undecided.entry.readings if r.subject}
        weak = {m.id for m in vocabulary_for(kb).matches(frame.text, ("weak_subject",))
                if family(kb, m.id) not in readings} - strong
        named = [s for s in named if s not in cued and s not in weak and not (fault and s == "assistance")]
    if undecided is not None and not named and not (frame.kb_out_of_scope or frame.not_specified):
        # (the word as the message writes it: « sécurité » typed with its accents is not shown « securite »)
        answer = compose.clarify(kb, undecided.entry, as_typed(frame.text, undecided.word), None,
                                 fault=frame.kind.value == "problem_report" or bool(
                                     lexicon_for(kb).marked("kinds", "problem", frame.normalised.split())))
        return done("clarify", answer, f"« {undecided.word} » a plusieurs sens et rien ne tranche")
    if not frame.subjects and _subject_changed(frame) and not frame.parts:
        # « une adresse mail » is no address of the text: the reading removed the only subject the words gave,
        # so nothing the agreement names is asked about; the composer, which reads the words alone, would
        # answer about the postal addresses.
        return done("unknown", silences.unknown(kb, vocabulary_for(kb).detect(frame.text)),
                    "le seul sujet des mots a été écarté par le sens du mot ambigu")
    reason = reason_answer(kb, frame)
    if reason is not None:
        return done("answer", *reason)
    # « combien de temps dure la convention et comment on la résilie ? »: two topics of the agreement, each its part.
    agreement = agreement_answer(kb, frame) if len({tuple(p.subjects) for p in frame.parts if p.subjects}) < 2 else None
    if agreement is not None:
        # The knowledge base's own answer on the agreement (« Vu… », dates) wins: it cites each fact's section.
        direct = answer_directly(kb, frame.text, intent=intent, now=now)
        if direct.kind == "agreement" and direct.articles and not direct.text.endswith(OVERVIEW_END) and not \
                agreement[1].startswith(OWN_ANSWERS):
            return done("answer", direct, f"{agreement[1]} ; réponse de la base sur la convention")
        return done("answer", agreement[0], agreement[1])
    # « entre 12 h 30 et 13 h 30 le numéro du Département est coupé, c'est bien ça ? » checks a line's state at a
    # moment: an hours question too, whatever word asks it. Only over a stretch or a day: « c'est bien de 8 h à
    # 17 h 30 sans coupure le midi ? » states the hours themselves, which one clock does not check.
    line_state = frame.question_type.value == "check_fact" and bool(hours.line_state_words(kb, frame)) \
        and (frame.days or hours.span(frame.text) is not None or hours.part_of_day(frame.text) is not None)
    # « dispo le soir ? », « ouvert le 14 juillet ? »: a part of the day or a date is a moment asked only beside a
    # line's state (« toujours en rade ce matin » tells the fault).
    moment_asked = (hours.part_of_day(frame.text) is not None or hours.date_named(frame.text, now.date()) is not None) \
        and bool(hours.line_state_words(kb, frame) or lexicon_for(kb).marked("questions", "which_number", frame.normalised.split()))
    # « les horaires c'est bien 8 h 30 - 12 h 30 puis 13 h 30 - 17 h ? »: a schedule checked, whatever asks it.
    schedule = frame.yes_no and hours.stated_schedule(frame.text) is not None
    if (frame.question_type.value == "when_open_now" or line_state or (moment_asked or schedule) and frame.yes_no) \
            and (frame.days or frame.clock or moment_asked) \
            and not [s for s in real_subjects(frame) if s not in _LINE_MEDIA] \
            and (_asks(frame) or not frame.actions):
        return done("answer", hours.hours_check(kb, frame, now), "jour ou heure comparés aux horaires des lignes")
    if frame.parts:
        answers = part_answers(kb, frame, now, lambda words: decide(kb, words, now=now))
        combined = compose.several(kb, answers, problems=all(p.problem for p in frame.parts))
        checked = closing_party(kb, lexicon_for(kb), frame.parts[0].shared) if frame.parts[0].shared else None
        if checked is not None:
            # « … Les deux sont pour nous ? »: the check asked of every part gets one verdict, computed part by part.
            combined = checked_of_each(kb, checked, vocabulary_for(kb).detect(frame.parts[0].shared).actions, answers,
                                       combined)
        return done("several", combined, f"{len(answers)} parties, une réponse chacune"
                    + (f" ; partie vérifiée pour chacune : « {checked} »" if checked else ""))
    subject = frame.subject
    if frame.party_check and subject and frame.asked_party.value:
        record = record_choice.compared_record(kb, frame)
        if record is not None:
            compared = compose.negative_check(kb, frame, record)
            if lexicon_for(kb).marked("questions", "which_number", frame.normalised.split()):
                # « c'est bien l'Académie qui gère le filtrage, et c'est quoi leur numéro ? »: the line too.
                compared = with_line_of(kb, compared, compose.problem_report(kb, subject, frame.actions, now, text=""))
            return done("answer", compared,
                        f"partie interrogée « {frame.asked_party.value} » comparée à l'enregistrement {record.id}")
    repair_asked = frame.question_type.value == "who" and compose.REPAIR in frame.actions and not frame.yes_no \
        and support_line_for(kb, subject, frame.actions) is not None
    # « comment je déclare un incident sur le réseau ? »: how to report a fault on a thing is its line.
    # « c'est à nous de déclarer la panne du switch ? »: the writer asks whether the collège reports it; the text
    # gives the line to report to, not a rule on who reports (a « Non » from the collège's other duties is false).
    # (A fault must be named: « faut-il déclarer les tablettes achetées ? » is article 6's inventory.)
    tokens = frame.normalised.split()
    declaring = (frame.question_type.value == "how" and not frame.yes_no
                 or frame.yes_no and frame.asked_party.value in (None, "college") and subject not in _LINE_MEDIA
                 and bool(compose.REPAIR in frame.actions or lexicon_for(kb).marked("kinds", "problem", tokens))) \
        and subject not in (None, *GENERAL_TOPICS) \
        and bool(lexicon_for(kb).marked("questions", "declare", tokens))
    # « l'autocom est mort, on fait quoi ? »: what to do about a fault told is its line.
    # (Not beside another matter told with « en plus », « aussi »: that message is left to be asked back.)
    marked = lexicon_for(kb).marked
    what_to_do = bool(marked("questions", "what_to_do", tokens)) and bool(marked("kinds", "problem", tokens)) \
        and not marked("kinds", "also", tokens)
    # (« on déclare un incident comment au Département ? »: the assistance in general, of a partner named, is that
    # partner's line; the fault's path would list every line.)
    partner_line = subject in HOW_SUBJECTS and any(p != "college" for p in frame.parties)
    if (frame.kind.value == "problem_report" or repair_asked or declaring or what_to_do) and subject \
            and (declaring or what_to_do or frame.question_type.value in (None, "who", "which_number", "when_open_now")):
        if partner_line:
            answer = support_by_party(kb, vocabulary_for(kb).detect(frame.text), now)
            return done("report", answer, f"déclaration auprès de la partie nommée : ligne {answer.line}")
        # « qui nous dépanne ? », « qui répare le vidéoprojecteur ? »: a repair is asked through the line that
        # handles the thing, answered as a fault is.
        # A declaration asked about is answered as the fault itself: the question's own « comment » would
        # otherwise make the direct path describe the subject instead of its line.
        answer = compose.problem_report(kb, subject, frame.actions, now, text="" if declaring or what_to_do else frame.text,
                                        circumstantial=bool(frame.circumstances))
        return done("report", answer, f"panne sur « {subject} » : ligne {answer.line}")
    # « peut-on demander une prise réseau de plus ? »: leave to ask for a change of a thing the agreement gives a change
    # procedure for (subjects.yml by_action « modifier »), with nothing else asked.
    leave_to_ask = frame.question_type.value == "may_i" and bool(lexicon_for(kb).marked("kinds", "asking_leave", tokens)) \
        and set(frame.actions) <= {"demander"} and subject is not None and "modifier" in by_action(kb, subject)
    if subject and (frame.kind.value == "request" and frame.question_type.value in (None, "how") or leave_to_ask):
        # (« peut-on demander une prise réseau de plus ? » asks leave to ask: the procedure answers it)
        # « une prise réseau en plus » is a change to it: the subject's by_action reading gives the procedure.
        # « déménager la salle informatique »: moving, not modifying; « transférer le vidéoprojecteur »: moving
        # equipment, as its parent says.
        reading = by_action(kb, subject)
        subject = next((reading[a] for a in frame.actions if a in reading), reading.get("modifier", subject))
        # (leave to ask names the asking itself, no act on the thing: the procedure of the thing answers it)
        act = frame.reading_action or next((a for a in frame.actions if not (leave_to_ask and a == "demander")), None)
        answer = answer_directly(kb, frame.text, intent="ask_procedure", subject=subject, action=act, now=now)
        return done("procedure", answer, f"demande (pas une panne) sur « {subject} » : la procédure de la convention")
    if not subject and frame.yes_no and frame.asked_party.value and frame.actions:
        records = record_choice.records_for_party_action(kb, frame)
        if records:
            return done("answer", compose.party_action(kb, frame, records),
                        f"action « {frame.actions[0]} » et partie « {frame.asked_party.value} » trouvées ensemble")
    # « je peux installer un antivirus sur les PC ? »: what the collège may do is asked of the thing acted on
    # (the frame's subject), not of the first equipment the words name.
    own_move = frame.question_type.value == "may_i" and frame.asked_party.value == "college"
    if subject and (_subject_changed(frame) or frame.reading_action or agreement_topic_first(kb, frame) or own_move
                    or _field_removed(frame)):
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
    silence = silences.silence_named(kb, without_teller(kb, frame.text))
    if silence is not None and _agreement_term_asked(kb, frame) and silences.about_the_service(kb, silence):
        # « si on veut annuler la convention, quel délai faut-il respecter ? » asks the agreement's notice
        # (its own term), not the delay of a repair that the service articles leave open.
        silence = None
    if silence is not None:
        return (silences.silence_answer(kb, silence, None, frame.actions),
                f"point que la convention laisse ouvert : {silence.id} (ses mots sont dans le message)")
    if frame.not_specified:
        topic = frame.not_specified[0]
        return silences.topic_not_specified(kb, topic), f"sujet que la convention ne règle pas (subjects.yml) : {topic}"
    return no_duration_asked(kb, frame)


def _agreement_term_asked(kb: KnowledgeBase, frame: Frame) -> bool:
    """Whether the message asks about one of the agreement's own topics (its term, its termination…)."""
    return NOTICE_ACTION in frame.actions or any(kb.subjects[s].kind == "agreement" and s != "duree"
                                                 for s in real_subjects(frame))


def _nothing_known_asked(kb: KnowledgeBase, frame: Frame) -> list[str]:
    """The words of the message the agreement does not contain, when it names nothing the agreement speaks of:
    no subject but the support itself, no line's number, day or hour, nothing about the agreement or its words."""
    # A word with two readings is asked back about first (« le portable de l'adjoint » : laptop or phone); a
    # party asked about with no verb (« Canopé, c'est quel organisme ? ») is a question on the agreement.
    # (« la convention parle de l'intelligence artificielle ? » names the agreement as the text searched: its other
    # words are still what is asked.)
    searched = bool(lexicon_for(kb).marked("questions", "mention", frame.normalised.split())) and not frame.actions
    if real_subjects(frame) or frame.undecided or (frame.parties and not frame.actions) \
            or frame.parts or frame.phones or frame.days or frame.clock or frame.glossary \
            or frame.kb_out_of_scope or frame.question_type.value in ("about_agreement", "definition", "when_open_now",
                                                                        "duration") \
            or not searched and (about_agreement(kb, frame) or lexicon_for(kb).names_agreement(frame.normalised.split())):
        return []
    # Things only: a verb the text does not use (« rappelez-moi le numéro ») is no topic of its own.
    return coverage.absent_words(kb, frame.text, tags=("NOUN", "PROPN"))


def _thing_beside_the_scene(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[str, Optional[str]]]:
    """The thing a fault or a question is about when the agreement never names it and its own words in the
    message only place it (:mod:`setting`); not for several parts, a line's number or hours, or the agreement."""
    # A day or an hour in a fault's story (« glacés depuis lundi ») asks no hours: they do not stop the check.
    if frame.parts or frame.phones or frame.glossary or frame.undecided \
            or frame.question_type.value not in (None, "who", "which_number", "how", "may_i", "when_open_now", "check_fact"):
        return None
    about_the_text = about_agreement(kb, frame) or lexicon_for(kb).names_agreement(frame.normalised.split())
    if about_the_text and frame.question_type.value != "who":
        return None
    scene = setting.scene_thing(kb, frame.text)
    # « le plombier, la convention prévoit qui le paie ? » asks the text about a thing it leaves out: declined
    # when the thing's topic is known; a word merely absent may be the agreement's own (« dans quelle ville… »).
    if scene is not None and scene[1] is None and about_the_text:
        return None
    return scene


# « le support tél du Département ferme à 17 h 30 ? »: the telephone named beside a line says how it is reached.
_LINE_MEDIA = ("telephone",)


def _asks(frame: Frame) -> bool:
    """Whether the message asks something: « rajouter 2 heures de permanence le mercredi », a verb without a
    question, asks no hours; « ouvert le samedi » does."""
    return frame.yes_no or "?" in frame.text or bool(QUESTION_WORDS & set(frame.normalised.split()))


def _subject_changed(frame: Frame) -> bool:
    """True when reading ambiguous words or the parse chose another subject than the words alone."""
    # A word read by its default meaning (« on s'adresse à … » is no address) chose nothing.
    return any(e.startswith(("sujets du vocabulaire", "analyse syntaxique"))
               or (e.startswith("mot ambigu") and "(default" not in e) for e in frame.evidence)


def _field_removed(frame: Frame) -> bool:
    """True when a word that only qualifies the agreement (« la convention *signée* en 2017 ») was taken from the
    words' subjects: the composer, which reads the words alone, would answer about it."""
    return any(e.endswith("qualifie la convention, ce n'est pas un sujet") for e in frame.evidence)

