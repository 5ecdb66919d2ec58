"""Opening hours checked against a moment (issue 11, class 6): « ouvert le samedi ? », « joignable à 17 h 15 ? »,
« la plateforme ferme bien à 17 h 30 ? ». Each line's days and hours (article 4) are compared with the
moment asked; the verdict is computed, never assumed.

Three questions are told apart:
- the state at a moment (« ouverte à 17 h 15 ? », « fermée le lundi ? »): is the line open then;
- a boundary (« ferme à 17 h 30 ? », « ouvre à 8 h ? », « décroche dès 8 h ? »): is that the time it closes or
  opens; a line open until 17 h is closed at 17 h 30, but it does not « close at 17 h 30 »;
- « jusqu'à 17 h 30 ? »: open up to that time.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Optional, Sequence

from knowledge.answer_types import Answer
from knowledge.records import KnowledgeBase, SupportLine
from knowledge.schedule import DAY_NAMES, format_clock, format_day, holiday_name
from knowledge.silence_answers import inference_of_use, inferred
from knowledge.support_answers import status_text
from knowledge.understanding.compose import digits, label
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.understanding.moments import LUNCH_BREAK, Clock, asked_before, date_named, part_of_day, span
from knowledge.understanding.polarity import negative_question
from knowledge.understanding.stated_hours import StatedSchedule, breaks, matches, stated_schedule

_OPEN_QUESTION_WORDS = frozenset({"quel", "quelle", "quels", "quelles", "quand", "comment", "combien"})
# « la hotline est fermée à 17 h ? »: after these words a state, not the time the line closes or opens.
_STATE_BEFORE = frozenset({"c", "cest", "est", "sont", "sera", "seront", "etre", "reste", "restera", "encore", "deja"})


def hours_check(kb: KnowledgeBase, frame: Frame, now: datetime) -> Answer:
    """Each line's days and hours compared with the moment asked, with « Oui » / « Non » when they all agree."""
    lines = [line for line in kb.support_lines.values() if line.phone]
    if frame.phones:
        lines = [line for line in lines if digits(line.phone or "") in frame.phones] or lines
    elif frame.asked_party.value and frame.asked_party.confidence >= 0.8:
        lines = [line for line in lines if line.party == frame.asked_party.value] or lines
    elif frame.parties:
        # « le support tél du Département ferme à 17 h ? »: the party owns the line named; it is not asked as
        # the doer of something, but it says which line.
        lines = [line for line in lines if line.party in frame.parties] or lines
    stated = stated_schedule(frame.text)
    if stated is not None and not _asks_closed(kb, frame, None):
        if stated.ranges or not frame.clock:
            return _schedule_check(kb, frame, lines, stated)
        frame = replace(frame, days=stated.days or frame.days)  # « du lundi au vendredi à 17 h 15 ? »: every day
    named_day = date_named(frame.text, now.date())
    if named_day is not None and holiday_name(named_day):
        return _holiday_answer(kb, lines, named_day)
    if named_day is not None:
        # « ouvert le 12 décembre ? »: that date's weekday.
        frame = replace(frame, days=(named_day.weekday(),))
    stretch = span(frame.text)  # « fermé entre midi et demi et 13 h 30 ? »: the whole stretch is asked about
    if stretch is None and stated is not None and stated.ranges:
        stretch = stated.ranges[0]  # « fermé de 12 h 30 à 13 h 30 ? », likewise
    # « dispo le soir ? », « ça coupe à l'heure du déj ? »: a part of the day is a stretch too, said as typed.
    part = part_of_day(frame.text) if stretch is None else None
    if part and frame.clock is not None:
        # « pendant la pause de midi » is the lunch break, not noon; « le soir à 19 h » is 19 h. (« ferme à 12 h pour
        # la pause de midi ? » asks the time it closes: the clock is what is checked.)
        part = part if part[1] == LUNCH_BREAK and _boundary(kb, frame) is None else None
        frame = replace(frame, clock=None) if part else frame
    stretch = part[1] if part else stretch
    checked, when, until = _moment_asked(frame, stretch)
    if part:
        when = f"{_moment_words(frame)} {part[0]}" if frame.days else part[0]
    if named_day is not None:
        when = when.replace(_moment_words(frame), f"le {format_day(named_day)}", 1)
    boundary = _boundary(kb, frame) if frame.clock and stretch is None and checked is frame else None
    verdicts: list[Optional[bool]] = []  # None: open one day asked and closed another
    sentences: list[str] = []
    for line in lines:
        if boundary is not None:
            edges = [end if boundary == "close" else start for start, end in line.hours]
            verdicts.append(time(*frame.clock) in {time.fromisoformat(e) for e in edges})  # type: ignore[misc]
            said = "ferme" if boundary == "close" else "ouvre"
            at = " et à ".join(format_clock(time.fromisoformat(e)) for e in edges)
            sentences.append(f"{line.name} ({line.phone}) : {said} à {at} (horaires : {line.hours_text})")
            continue
        verdict, state = _state_then(line, checked, stretch, until, when)
        if part and part[1] == LUNCH_BREAK and verdict is None and _asks_closed(kb, frame, boundary):
            # « ça coupe à l'heure du déj ? » asks whether there is a break then: closed for part of it is yes.
            verdict = False
        verdicts.append(verdict)
        sentences.append(f"{line.name} ({line.phone}) : {state} (horaires : {line.hours_text})")
    lead = _lead(kb, frame, verdicts, boundary)
    if lead and _ON_SITE & set(frame.normalised.split()):
        # « le support peut-il intervenir le samedi matin ? »: article 4 gives the hours of the telephone line, not when
        # a technician comes: no verdict, the line's hours said as such.
        lead = "La convention ne dit pas quand une intervention sur place a lieu ; elle donne les horaires des lignes : "
    # « 1) le numéro c'est bien celui-là ? 2) ils ouvrent à 8 h ? »: the number checked first gets its own
    # « Oui », so that the hours' « Non » is not read as a wrong number.
    number = [line for line in lines if frame.phones and digits(line.phone or "") in frame.phones
              and lexicon_for(kb).marked("questions", "check", frame.normalised.split())]
    if lead and len(number) == 1:
        lead = f"Oui pour le numéro : le {number[0].phone} est bien celui de la ligne « {number[0].name} ». Pour l'horaire : {lead}"
    # The text gives weekdays and hours only: closed on a public holiday is an inference, labelled as one.
    holiday = inference_of_use(kb, "holiday")
    text = lead + " ; ".join(sentences) + f" ({label(kb, 'article-4')})." + (f" {inferred(holiday)}" if holiday else "")
    return Answer(kind="support", text=text, articles=["article-4"], parties=[line.party for line in lines],
                  quote=lines[0].source if lines else "", subject="assistance",
                  yes_no=None if number or not lead.startswith(("Oui", "Non")) else lead.strip(" .").lower() or None,
                  line=lines[0].id if len(lines) == 1 else None)


# Coming to the collège (« intervenir », « venir », « se déplacer »), which no line's hours settle.
_ON_SITE = frozenset({"intervenir", "intervient", "interviennent", "intervention", "venir", "vient", "viennent",
                      "deplacer", "deplace", "deplacent", "depanner", "passer", "passe", "passent"})


def _schedule_check(kb: KnowledgeBase, frame: Frame, lines: list[SupportLine], stated: StatedSchedule) -> Answer:
    """« c'est bien du lundi au vendredi de 8 h à 17 h 30 ? », « ouverte de 8 h 30 à 17 h sans interruption ? »: the
    days and hours said compared with each line's (stated_hours.py), with « Oui » / « Non » when the lines agree."""
    tokens = frame.normalised.split()
    state = bool(lexicon_for(kb).marked("questions", "answering", tokens))
    kept = [matches(line, stated, state=state) for line in lines]
    lead = ""
    if not set(tokens) & _OPEN_QUESTION_WORDS:
        lead = "Oui. " if all(kept) else "Non. " if not any(kept) else ""
    said = []
    for line, keeps in zip(lines, kept):
        # The break is said when it is what the check missed (« sans coupure ? », « de 8 h 30 à 17 h ? »).
        gaps = breaks(line) if stated.continuous or (stated.ranges and not keeps) else []
        closed = f", fermée {' et '.join(gaps)}" if gaps else ""
        verdict = "" if lead or len(lines) == 1 else ("oui, " if keeps else "non, ")
        said.append(f"{line.name} ({line.phone}) : {verdict}{line.hours_text}{closed}")
    text = lead + " ; ".join(said) + f" ({label(kb, 'article-4')})."
    return Answer(kind="support", text=text, articles=["article-4"], parties=[line.party for line in lines],
                  quote=lines[0].source if lines else "", subject="assistance", yes_no=lead.strip(" .").lower() or None,
                  line=lines[0].id if len(lines) == 1 else None)


def _holiday_answer(kb: KnowledgeBase, lines: list[SupportLine], day: date) -> Answer:
    """« ouvert le 14 juillet ? »: a public holiday (the ``holidays`` package), on which the text says nothing; that
    the lines are closed then is an inference, labelled as one, so no « Oui » / « Non »."""
    holiday = inference_of_use(kb, "holiday")
    hours = " ; ".join(f"{line.name} ({line.phone}) : {line.hours_text}" for line in lines)
    text = (f"Le {format_day(day)} est un jour férié ({holiday_name(day)}). {inferred(holiday) if holiday else ''} "
            f"{hours} ({label(kb, 'article-4')}).")
    return Answer(kind="support", text=" ".join(text.split()), articles=["article-4"],
                  parties=[line.party for line in lines], quote=lines[0].source if lines else "", subject="assistance",
                  line=lines[0].id if len(lines) == 1 else None)


def _asks_closed(kb: KnowledgeBase, frame: Frame, boundary: Optional[str]) -> bool:
    """Whether the question asks the closed state (« fermée le lundi ? », « ça coupe à midi ? »)."""
    tokens = frame.normalised.split()
    # « sans coupure le midi ? » asks the open state: a closed-state word after « sans » is no closed state asked.
    # « je peux appeler à 12 h 45 ou c'est fermé ? »: a closed state offered as the other answer, after « ou », leaves
    # the question the one before it (can I call): its « Non » is « closed ».
    closed = [w for w in lexicon_for(kb).marked("questions", "closed_state", tokens)
              if not any(tokens[max(0, i - 2):i].count("sans") for i in phrase_positions(tokens, w))
              and not _offered_after_or(tokens, w)]
    return boundary is None and (bool(closed) or (_negated_answering(kb, tokens) and not negative_question(frame.text)))


# What may stand between « ou » and the state it offers (« ou c'est fermé », « ou c fermé », « ou bien fermé »).
_OR_LINKS = frozenset({"c", "cest", "est", "ce", "il", "elle", "ils", "elles", "sont", "sera", "seront", "serait", "bien",
                       "alors", "deja"})


def _offered_after_or(tokens: list[str], phrase: str) -> bool:
    """Whether ``phrase`` stands after « ou » (with only linking words between): the other answer offered."""
    for i in phrase_positions(tokens, phrase):
        j = i - 1
        while j >= 0 and tokens[j] in _OR_LINKS:
            j -= 1
        if j >= 0 and tokens[j] == "ou":
            return True
    return False


def _lead(kb: KnowledgeBase, frame: Frame, verdicts: list[Optional[bool]], boundary: Optional[str]) -> str:
    """« Oui. » / « Non. » when every line's state at the moment asked agrees, for a closed question."""
    tokens = frame.normalised.split()
    # « fermée le lundi ? » asks whether it is closed: the answer is the open state reversed. A message that
    # names both states (« ouvert ou fermé ? ») asks which one, not yes or no.
    # « n'est pas joignable le samedi ? » negates the verb that asks: its « Oui » is about being reachable, and
    # `polarity` turns it into « Si »; « normal qu'ils ne décrochent pas ? » asks about the closed state.
    asks_closed = _asks_closed(kb, frame, boundary)
    asks_open = bool(lexicon_for(kb).marked("questions", "open_state", tokens))
    # « ouvert ou fermé ? » still names both states: which one, not yes or no.
    asks_closed = asks_closed or asks_open and any(
        _offered_after_or(tokens, w) for w in lexicon_for(kb).marked("questions", "closed_state", tokens))
    values = {v != asks_closed for v in verdicts} if None not in verdicts else {True, False}
    # "à quelle heure ferme… ?" is an open question: no Oui/Non before the hours.
    closed = not set(tokens) & _OPEN_QUESTION_WORDS and not (asks_closed and asks_open)
    return ("Oui. " if values == {True} else "Non. " if values == {False} else "") if closed else ""


def _moment_asked(frame: Frame, stretch: Optional[tuple[Clock, Clock]]) -> tuple[Frame, str, bool]:
    """The frame whose moment is checked, that moment in words, and whether it is asked « jusqu'à » it.

    « ouvert avant 8 h 30 ? » asks whether the line answers before that time: the minute before it is checked (a
    line opening at 8 h 30 is closed then), and the reply says « avant 8 h 30 »."""
    when = _moment_words(frame, stretch=stretch)
    if " jusqu a " in f" {frame.normalised} ":
        return frame, when.replace("à ", "jusqu'à ", 1), True
    if frame.clock and stretch is None and asked_before(frame.text):
        hour, minute = divmod(frame.clock[0] * 60 + frame.clock[1] - 1, 60)
        return replace(frame, clock=(hour % 24, minute)), when.replace("à ", "avant ", 1), False
    return frame, when, False


def _state_then(line: SupportLine, frame: Frame, stretch: Optional[tuple[Clock, Clock]], until: bool,
                when: str) -> tuple[Optional[bool], str]:
    """Whether the line is open at the moment asked (None: open for part of it only), and that state in words."""
    if stretch is not None:
        during = {_open_at(line, frame.days, divmod(minute, 60)) for minute in _minutes(stretch)}
        verdict = during.pop() if len(during) == 1 else None
        return verdict, f"{ {True: 'ouverte', False: 'fermée', None: 'ouverte en partie seulement'}[verdict]} {when}"
    states = {day: _open_at(line, [day], frame.clock, until=until) for day in frame.days}
    if len(set(states.values())) > 1:
        # « le vendredi et le samedi ? »: open one day, closed the other; each said, and no single « Oui ».
        return None, ", ".join(f"{'ouverte' if is_open else 'fermée'} {_moment_words(frame, [day])}"
                               for day, is_open in states.items())
    is_open = _open_at(line, frame.days, frame.clock, until=until)
    # (« répond jusqu'à 18 h ? »: not open all that time is « pas ouverte jusqu'à 18 h »; « fermée jusqu'à 18 h »
    # would say it opens at 18 h.)
    closed = "pas ouverte" if until else "fermée"
    return is_open, f"{'ouverte' if is_open else closed} {when}"


def line_state_words(kb: KnowledgeBase, frame: Frame) -> list[str]:
    """The words of a line's state the message holds (« ouvert », « coupé », « joignable »: message_kinds.yml)."""
    tokens = frame.normalised.split()
    lexicon = lexicon_for(kb)
    return [w for name in ("open_state", "closed_state", "answering") for w in lexicon.marked("questions", name, tokens)]


def at_moment_asked(kb: KnowledgeBase, frame: Frame, answer: Answer, now: datetime) -> Answer:
    """A thing's line given with a moment named (« qui appeler le soir ou le week-end si le serveur tombe ? », « le
    wifi ne marche plus, on peut appeler le Département à 19 h ? »): the line's state at that moment replaces its
    state now, and a closed question gets the « Oui » / « Non » that state computes."""
    asks_when = frame.question_type.value == "when_open_now"
    # (A story's day and hour, « salle C4, mercredi 13 h 35 : la prise est arrachée, qui je préviens ? », are when the
    # writer speaks; a day alone may be when the fault began, an hour alone when it happened this morning.)
    if answer.kind != "support" or not (frame.days or frame.clock) or not asks_when and not (frame.clock and frame.days):
        return answer
    stated = [each for each in kb.support_lines.values() if each.phone and status_text(kb, each, now) in answer.text]
    if frame.parts and len(stated) > 1 or not asks_when:
        # « vendredi 12 h 40 : le PC ne démarre plus et Affelnet plante, qui est joignable ? »: each part's line is
        # given in its state at the moment the message names, not the one of the clock here; so is the line of a
        # message that tells the hour it is written at and asks no more of it.
        stretch = span(frame.text)
        checked, when, until = _moment_asked(frame, stretch)
        text = answer.text
        for each in stated:
            text = text.replace(status_text(kb, each, now), f"Cette ligne est {_state_then(each, checked, stretch, until, when)[1]}.")
        return replace(answer, text=text)
    line = kb.support_lines.get(answer.line or "")
    if line is None or not line.phone:
        return answer
    now_said = status_text(kb, line, now)
    if now_said not in answer.text:
        return answer
    stretch = span(frame.text)
    checked, when, until = _moment_asked(frame, stretch)
    verdict, state = _state_then(line, checked, stretch, until, when)
    # Only a message that asks whether the line answers then gets « Oui » / « Non »: « si le serveur plante un
    # dimanche, le Département intervient ? » asks who acts, which the line's hours do not settle, and beside a
    # fault « coupé » says the fault, not a closed line.
    tokens = frame.normalised.split()
    markers = lexicon_for(kb)
    asks_line = markers.marked("questions", "answering", tokens) and not markers.marked("questions", "closed_state", tokens)
    lead = _lead(kb, frame, [verdict], None) if frame.yes_no and asks_line else ""
    if not lead:
        return replace(answer, text=answer.text.replace(now_said, f"Cette ligne est {state}."))
    # The « Non » is about calling then: it is said with that state, before the thing's responsibility and card.
    rest = answer.text.replace(now_said, "").strip()
    return replace(answer, text=f"{lead}{line.name} : {state}. {rest}", yes_no=lead.strip(" .").lower())


# The words that negate a verb around it: « ne … pas », « n' … plus », « personne ne … ».
_NEGATION_BEFORE = frozenset({"ne", "n"})
_NEGATION_AFTER = frozenset({"pas", "plus", "jamais"})


def _negated_answering(kb: KnowledgeBase, tokens: list[str]) -> bool:
    """« c'est normal qu'ils ne décrochent pas à 13 h ? », « personne ne répond à 13 h ? », « n'est pas joignable le
    samedi ? »: a line said not to answer is asked about as closed."""
    answering = set(lexicon_for(kb).markers["questions"].get("answering", ()))
    for i, token in enumerate(tokens):
        before = set(tokens[max(0, i - 3):i])
        if token in answering and _NEGATION_BEFORE & before \
                and (_NEGATION_AFTER & (before | set(tokens[i + 1:i + 3])) or "personne" in before):
            return True
        if token in answering and (tokens[i - 1:i] == ["personne"] or tokens[i + 1:i + 2] in (["pas"], ["jamais"])):
            return True  # typed without its « ne » (« personne répond, c normal ? », « ça répond pas »)
    return False


def _boundary(kb: KnowledgeBase, frame: Frame) -> Optional[str]:
    """"close" or "open" when the message asks the time a line closes or opens (a verb, not a state)."""
    if any(w in frame.text.lower() for w in ("fermé", "ouvert", "coupé")):
        return None  # the participle, written with its accent or its t: a state at that time
    tokens = frame.normalised.split()
    markers = lexicon_for(kb).markers["questions"]
    for kind, name in (("close", "closing_time"), ("open", "opening_time")):
        for i, token in enumerate(tokens):
            if token in markers.get(name, ()) and not _STATE_BEFORE & set(tokens[max(0, i - 2):i]):
                return kind
    return None


def _open_at(line: SupportLine, days: Sequence[int], clock: Optional[tuple[int, int]], until: bool = False) -> bool:
    if days and not set(days) & set(line.days):
        return False
    if clock is None:
        return bool(days)
    moment = time(*clock)
    if until:
        return any(time.fromisoformat(start) < moment <= time.fromisoformat(end) for start, end in line.hours)
    return any(time.fromisoformat(start) <= moment < time.fromisoformat(end) for start, end in line.hours)


def _minutes(stretch: tuple[Clock, Clock]) -> range:
    """Every minute of a stretch of the day, its end excluded."""
    (start_h, start_m), (end_h, end_m) = stretch
    return range(start_h * 60 + start_m, end_h * 60 + end_m)


def _moment_words(frame: Frame, days: Optional[Sequence[int]] = None,
                  stretch: Optional[tuple[Clock, Clock]] = None) -> str:
    words = []
    days = frame.days if days is None else days
    if len(days) > 2 and list(days) == list(range(days[0], days[-1] + 1)):
        words.append(f"du {DAY_NAMES[days[0]]} au {DAY_NAMES[days[-1]]}")
    elif days:
        words.append("le " + " et le ".join(DAY_NAMES[d] for d in days))
    if stretch is not None:
        words.append(f"entre {format_clock(time(*stretch[0]))} et {format_clock(time(*stretch[1]))}")
    elif frame.clock:
        words.append("à " + format_clock(time(*frame.clock)))
    return " ".join(words) or "à ce moment-là"
