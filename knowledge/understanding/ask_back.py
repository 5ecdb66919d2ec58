"""The question back to a message that names no equipment or service (issue 11: « ask back with buttons »): the
main subjects as buttons, or the agreement's own topics when the message speaks of the agreement or a partner, led
by the readings of the records that use the message's own words."""
from __future__ import annotations

from typing import Sequence

from knowledge.answer_types import Answer, Choice, unique
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import coverage
from knowledge.understanding import parse as parsing
from knowledge.understanding.answer_coverage import reading_choice, with_best_worded, worded_records
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.verdict import frame_of


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
    tokens = normalise(text).split()
    # « ça bug », « plus rien ne marche »: each button then says who handles a fault on that subject, with the
    # line and the offer to declare it (knowledge.answers, a repair chosen by button).
    fault = bool(lexicon.marked("kinds", "problem", tokens))
    # (« un élève a oublié son carnet »: the thing no subject names comes first, then the other words the text lacks.)
    absent = unique([*coverage.things_apart(kb, text), *coverage.absent_words(kb, text)])[:3]
    partner = any(p != "college" for p in frame_of(kb, text).parties)
    if not fault and (partner or lexicon.names_agreement(tokens)):
        # « Canopé, c'est quel genre d'organisme ? »: the agreement's own topics, not equipment.
        answer.choices = _worded_first(kb, text, [Choice(kb.subjects[s].label[:1].upper() + kb.subjects[s].label[1:], s)
                                                  for s in lexicon.agreement_choices])
        named = " ni ".join(f"« {w} »" for w in absent)
        answer.text = (f"La convention ne mentionne pas {named}. Sur la convention elle-même, de quoi s'agit-il ?"
                       if absent else "Je n'ai pas trouvé de quel point de la convention vous parlez : de quoi s'agit-il ?")
        return answer
    subjects = _fault_subjects(kb, tokens, lexicon.unknown_choices) if fault else lexicon.unknown_choices
    answer.choices = [Choice(kb.subjects[s].incident_label or kb.subjects[s].label, s, "reparer" if fault else None)
                      for s in subjects]
    if not fault:
        answer.choices = _worded_first(kb, text, answer.choices)
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


def _fault_subjects(kb: KnowledgeBase, tokens: list[str], usual: Sequence[str]) -> list[str]:
    """The things a fault may be on, as many as ``usual``: first those a ticket can be declared on that a word of the
    message names alone among them (« le site du CNED ne s'ouvre plus » names no thing, but « site » is a word of the
    filtering's terms only; « salle », in the terms of two, points to neither), then the usual ones."""
    words = set(tokens) - {normalise(w) for w in parsing.stop_words()}
    owners: dict[str, set[str]] = {}
    for sid, subject in kb.subjects.items():
        if subject.incident:
            for word in {w for term in subject.terms for w in normalise(term).split()} & words:
                owners.setdefault(word, set()).add(sid)
    named = unique(next(iter(sids)) for sids in owners.values() if len(sids) == 1)
    return [*(s for s in named if s not in usual), *usual][:len(usual)]


def _worded_first(kb: KnowledgeBase, text: str, choices: list[Choice]) -> list[Choice]:
    """``choices`` led by the readings of the records that use most of the message's own words (« le numéro de la
    plateforme d'assistance de l'académie » names no subject the vocabulary knows, but article 4's words), as many
    buttons in all."""
    worded = [c for c in (reading_choice(kb, o) for o in worded_records(kb, text, limit=2)) if c is not None]
    kept = [c for c in choices if all(c.subject != w.subject for w in worded)]
    return with_best_worded(kb, worded + kept, text, max(len(choices), len(worded)))
