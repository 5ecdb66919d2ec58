"""Details of a support line that article 4 does not give (its web address, what a call costs, whether it
answers during the holidays, Canopé's number or hours): said as such, with the line's card as what the text
does say and no party named (issue 11). People ask them often, and a card alone reads as an answer.

The words are data (message_kinds.yml ``questions.line_detail``)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from knowledge.answer_types import Answer, unique
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.silence_answers import line_detail_not_given, number_not_given, online_hours_not_given
from knowledge.support_answers import line_contact_text
from knowledge.understanding import coverage
from knowledge.understanding.fact_check import as_typed
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for, phrase_positions


def asked_of_line(kb: KnowledgeBase, frame: Frame, now: datetime) -> Optional[Answer]:
    """« la plateforme répond pendant les congés de Noël ? »: a question on a support line (its hours or its
    number) about a detail article 4 does not give, before the holidays read as school life, out of scope."""
    tokens = frame.normalised.split()
    # (« le lien du site où on saisit les pannes, c'est lequel ? » asks no number nor hours, but a detail of a way
    # to reach a line all the same.)
    detail_of_a_line = frame.question_type.value is None and bool(lexicon_for(kb).marked("questions", "line_words", tokens)) \
        and bool(lexicon_for(kb).marked("questions", "web_address", tokens))
    # (« ce numéro-là, il est gratuit ou surtaxé ? » with the number typed checks no number: it asks what a call costs.)
    detail_of_a_line = detail_of_a_line or bool(frame.phones) and bool(lexicon_for(kb).marked("questions", "line_detail", tokens))
    if frame.question_type.value not in ("when_open_now", "which_number") and not detail_of_a_line:
        return None
    found = lexicon_for(kb).marked("questions", "line_detail", tokens)
    online = _written_way_only(kb, frame, tokens)
    asked = frame.asked_party.value if frame.asked_party.confidence >= 0.8 else None
    own = [line for line in kb.support_lines.values() if line.party == asked and asked != "college"]
    if frame.question_type.value == "which_number" and not found and own and not any(line.phone for line in own):
        # « Canopé a-t-il un numéro d'assistance ? »: article 4 gives Canopé's accompaniment no number; the line of
        # the thing named beside it (the Département's, for software) would read as Canopé's.
        return line_detail_not_given(kb, _card(kb, own, now), _number_word(frame.text, tokens))
    if not found and not online:
        return _number_of_someone_else(kb, frame, now) if frame.question_type.value == "which_number" else None
    lines = [line for line in kb.support_lines.values() if line.phone and (asked is None or line.party == asked)]
    if not lines:
        return None
    # (The written way has no hours: whether the telephone is open now would read as its state.)
    card = _card(kb, lines, now, status=not online)
    if online:
        return online_hours_not_given(kb, card, as_typed(frame.text, _detail(online)))
    return line_detail_not_given(kb, card, as_typed(frame.text, _detail(found)))


def _number_of_someone_else(kb: KnowledgeBase, frame: Frame, now: datetime) -> Optional[Answer]:
    """« le téléphone de la gendarmerie, c'est quel numéro ? »: a number asked of a word the text never uses, with
    no thing or party of the text named: it gives no such number (the lines' cards are no answer to it)."""
    named = {s.value for s in frame.subjects} - {None, "assistance"}
    if lexicon_for(kb).marked("questions", "phone_as_thing", frame.normalised.split()):
        named -= {"telephone"}  # « le téléphone de la gendarmerie » asks a number, it names no phone
    if named or frame.parties:
        return None
    tokens = frame.normalised.split()
    numbers = [i for i, t in enumerate(tokens) if t in _NUMBER_WORDS]
    # Only the number *of* that word (« le téléphone de la gendarmerie »): « la tondeuse cale, qui appeler ? » reports
    # a thing the text never names, whose number nobody asked.
    absent = [w for w in coverage.absent_words(kb, frame.text, tags=("NOUN", "PROPN"))
              if any(0 < j - i <= 4 for i in numbers for j in phrase_positions(tokens, normalise(w)))]
    lines = [line for line in kb.support_lines.values() if line.phone]
    if not absent or not lines:
        return None
    return number_not_given(kb, _card(kb, lines, now), absent[0])


def _card(kb: KnowledgeBase, lines: list, now: datetime, status: bool = True) -> Answer:
    """The cards of ``lines``, quoted as what article 4 does say."""
    return Answer(kind="support", text=" ".join(line_contact_text(kb, line, now, status=status) for line in lines),
                  articles=unique(line.section for line in lines), quote=lines[0].source, subject="assistance")


def _number_word(text: str, tokens: list[str]) -> str:
    """The way to call asked for, as typed when it is a kind of line (« hotline »), else « numéro » (« tél »)."""
    word = next((t for t in tokens if t in _LINE_KINDS), None)
    return as_typed(text, word) if word else "numéro"


_LINE_KINDS = ("hotline", "standard", "permanence")
_NUMBER_WORDS = frozenset({"numero", "numeros", "telephone", "tel", "coordonnees", "contact"})


def _written_way_only(kb: KnowledgeBase, frame: Frame, tokens: list[str]) -> list[str]:
    """« l'intranet est ouvert le week-end ? »: the hours of a written way to reach a line (the intranet, the online
    form), which article 4 does not give; nothing in the message names the telephone, whose hours it gives."""
    lexicon = lexicon_for(kb)
    if frame.question_type.value != "when_open_now" or frame.phones or lexicon.marked("questions", "phone_channel", tokens):
        return []
    # (« le portail du parking s'ouvre plus avec le badge »: the building's gate, when the words read it so and name no
    # line, opens no way to reach one.)
    if frame.out_of_scope and not lexicon.marked("questions", "line_words", tokens):
        return []
    return lexicon.marked("questions", "online_channel", tokens)


def asked_beside_card(kb: KnowledgeBase, text: str, answer: Answer) -> Optional[str]:
    """The detail of a support line the question asks and article 4 does not give (« le lien de l'intranet ? »,
    « combien coûte un appel ? », « ouvert pendant les vacances ? »), when the answer found is a line's card:
    the card would read as an answer to it."""
    on_lines = answer.kind == "support" or (answer.kind == "responsibility" and answer.articles == ["article-4"])
    if not on_lines or (answer.kind == "support" and answer.yes_no):
        return None  # a computed Oui/Non on the hours already answers what was asked
    tokens = normalise(text).split()
    lexicon = lexicon_for(kb)
    line = kb.support_lines.get(answer.line or "")
    if line is not None and not line.phone and line.party != "college":
        # Canopé's accompaniment: the text gives it no number and no hours; « qui appeler pour une formation ? »
        # is answered by who gives it, a question on its number or hours is not.
        asked = {"numero": "numéro", "numeros": "numéro", "tel": "numéro", "telephone": "numéro",
                 "coordonnees": "numéro", "horaires": "horaires", "horaire": "horaires"}
        return next((asked[t] for t in tokens if t in asked), None)
    found = lexicon.marked("questions", "line_detail", tokens)
    if not found or not lexicon.marked("questions", "line_words", tokens):
        # « le réseau tombe depuis les vacances », « un logiciel gratuit »: the word is the story's, not a line's.
        return None
    return as_typed(text, _detail(found))


# Words a marker keeps only to be found in context (« un mail au support »): not part of the detail quoted back.
_FRAME_WORDS = frozenset({"le", "la", "les", "l", "un", "une", "de", "du", "d", "au", "a", "par", "leur", "son", "sa"})


def _detail(found: list[str]) -> str:
    """The detail asked, from the longest marker found, without the function words around it (« mail »)."""
    words = max(found, key=len).split()
    while len(words) > 1 and words[0] in _FRAME_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _FRAME_WORDS:
        words = words[:-1]
    return " ".join(words)
