"""Turn a message into a :class:`Frame`: what kind of message it is, what it is about, who is asked about
and what type of question it is, each with a confidence and the words that led to it.

The subjects come from the knowledge base's own vocabulary (knowledge/vocabulary.py); this module adds
what words alone cannot settle: which reading of an ambiguous word is meant (ambiguous_words.yml), which
of two subjects is the equipment and which a side word (spaCy's dependency parse), whether the message
holds several problems, and whether it is out of scope (out_of_scope.yml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from knowledge.normalise import normalise, phone_numbers
from knowledge.question_reading import same_for_at
from knowledge.records import KnowledgeBase
from knowledge.understanding.asked_party import asked_party
from knowledge.understanding.circumstances import without_circumstances
from knowledge.understanding.clause_reading import numbered, repair_named
from knowledge.understanding.closed_questions import OPEN_WORDS, by_tone_alone, closed_question, without_check_tag
from knowledge.understanding.lexicon import Lexicon, contains, lexicon_for, phrase_positions
from knowledge.understanding.message_parts import Part, asking_clauses, clauses, split_parts
from knowledge.understanding.moments import first_clock, without_story
from knowledge.understanding.party_checks import checked_party, writer
from knowledge.understanding.polarity import tagged_statement
from knowledge.understanding.quantities import quantities
from knowledge.understanding.question_mark import questioned
from knowledge.understanding.readings import (
    HOW_SUBJECTS,
    Ambiguity,
    families,
    family,
    hosted_on,
    inside,
    promotable,
    resolve_ambiguous,
    subjects_of,
    topics,
    unique,
    without_inner_words,
)
from knowledge.understanding.scope import asked_out_of_scope, named_as_things, out_of_scope_topic, told_beside_a_fault
from knowledge.understanding.scored import Scored
from knowledge.understanding.syntax import core_words, rank_by_parse, said_as_when
from knowledge.understanding.told_and_asked import asked_after_story
from knowledge.understanding.training_topic import TOPIC as TRAINING_TOPIC
from knowledge.understanding.training_topic import training_beside_the_digital
from knowledge.vocabulary import Match, vocabulary_for

KINDS = ("question", "problem_report", "request", "ticket_operation", "small_talk", "out_of_scope")
QUESTION_TYPES = ("who", "may_i", "how", "when_open_now", "which_number", "check_fact", "about_agreement",
                  "definition", "duration")
_WHAT_TO_DO = re.compile(r"\bqu est ce qu(?:e)? (?:on|je|j|nous|vous|il|ils|elle|elles|le college)\b")
_DAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

@dataclass(frozen=True)
class Frame:
    text: str
    normalised: str
    kind: Scored
    question_type: Scored
    yes_no: bool
    existence: bool
    negative_check: bool
    party_check: bool  # "c'est bien X qui… ?", "c'est pas X ?": compare the party named with the record's
    subjects: tuple[Scored, ...]
    side_subjects: tuple[str, ...]
    actions: tuple[str, ...]
    asked_party: Scored
    parties: tuple[str, ...]
    out_of_scope: Optional[str]
    not_specified: tuple[str, ...]
    kb_out_of_scope: tuple[str, ...]  # topics subjects.yml itself declares out of scope (Pronote, météo…)
    ambiguities: tuple[Ambiguity, ...]
    parts: tuple[Part, ...]
    phones: tuple[str, ...]
    clock: Optional[tuple[int, int]]
    days: tuple[int, ...]
    glossary: Optional[str]
    parsed: bool
    reading_action: Optional[str] = None  # the action a chosen reading implies ("résilier une ligne": gerer)
    circumstances: tuple[str, ...] = ()  # open topics named only as when a fault began (« depuis la coupure »)
    idiom_words: tuple[bool, ...] = ()  # per word of `normalised`: inside an idiom of vocabulary.yml (names no thing)
    evidence: tuple[str, ...] = field(default=())

    @property
    def subject(self) -> Optional[str]:
        return self.subjects[0].value if self.subjects else None

    @property
    def undecided(self) -> Optional[Ambiguity]:
        """The first ambiguous word nothing in the message decides (the policy asks back about it)."""
        return next((a for a in self.ambiguities if a.how == "undecided"), None)


def understand(kb: KnowledgeBase, text: str) -> Frame:
    """The frame of one message (pure: no state, no I/O beyond the lazily loaded spaCy model)."""
    lexicon = lexicon_for(kb)
    # « Ticket : PC HS » is a message titled, no ticket operation; « jpeu pa » is « je peux pas », for every reader
    # of a frame (the composer, the incident triage, the courtesy check) alike.
    text = questioned(kb, lexicon.as_meant(text))
    vocabulary = vocabulary_for(kb)
    norm = normalise(text)
    tokens = norm.split()
    evidence: list[str] = []
    detection = vocabulary.detect(text)
    matches = vocabulary.matches(text, ("subject", "weak_subject", "party"))
    party_matches = [m for m in matches if m.kind == "party"]
    # "Réseau Canopé" names a party, not the network.
    subject_matches = [m for m in matches if m.kind != "party" and not inside(m, party_matches)]
    subject_matches = without_inner_words(subject_matches, [m for m in subject_matches if m.kind == "weak_subject"])
    # « la convention informatique », « ce partenariat numérique »: the adjective names the agreement's field.
    field = [m for m in subject_matches if m.length == 1 and m.start and lexicon.names_agreement(tokens[m.start - 1:m.start])]
    subject_matches = [m for m in subject_matches if m not in field]
    if field:
        evidence.append(f"« {tokens[field[0].start]} » qualifie la convention, ce n'est pas un sujet")
    # What the words alone name, past the agreement's field: a reading that changes it is said in the trace.
    # « la plateforme téléphonique de l'Académie »: the support a party's name holds names the party's line.
    held = ({m.id for m in matches if m.kind != "party"} - {m.id for m in subject_matches + field}) & set(HOW_SUBJECTS)
    named = [s for s in detection.subjects if s not in held and (s not in {m.id for m in field} or any(m.id == s for m in subject_matches))]

    # A topic the agreement leaves open ("le photocopieur du secrétariat") is a thing named too: a room is a place.
    elsewhere = bool(detection.not_specified or detection.out_of_scope)
    ambiguities, removed, added, oos_from_word = resolve_ambiguous(kb, lexicon, tokens, subject_matches, elsewhere)
    for a in ambiguities:
        read = a.reading.label if a.reading else "l’acte, pas un lieu" if a.how == "act" else "non tranché"
        evidence.append(f"mot ambigu « {a.word} » → {read} ({a.how}"
                        + (f" : « {a.cue} »" if a.cue else "") + ")")
    promoted = promotable(kb, subject_matches, removed, added, ambiguities, tokens)
    subjects = subjects_of(kb, subject_matches, removed, added, core_words(text, tokens, promoted), text)
    if subjects != named:
        evidence.append(f"sujets du vocabulaire {named} → {subjects}")

    parsed = False
    side: list[str] = []
    what = [s for s in subjects if s not in HOW_SUBJECTS]
    named_families = families(kb, what)
    if len(named_families) > 1:
        decided = [(a.reading.subject, a.word) for a in ambiguities if a.how == "cue" and a.reading and a.reading.subject]
        ranked, parsed = rank_by_parse(text, subject_matches, what, tokens, decided)
        if parsed and ranked[0] != subjects[0]:
            evidence.append(f"analyse syntaxique : « {ranked[0]} » est le sujet ou l'objet, pas un mot secondaire")
        subjects = ranked + [s for s in subjects if s in HOW_SUBJECTS]
    same = same_for_at(tokens)  # « les VP c'est le collège, c'est pareil pour les imprimantes ? » asks the printers
    if same is not None and (after_same := unique(m.id for m in subject_matches if m.start > same and m.id in kb.subjects)):
        subjects = after_same + [s for s in subjects if s not in after_same and s in HOW_SUBJECTS]
    hosted = hosted_on(kb, subjects, tokens, subject_matches)
    if hosted is not None:
        # « le PC de l'infirmerie affiche un message de virus »: the software is what the message is about; the
        # device it runs on says where (subjects.yml runs_on). Not « des portables sous Linux »: that describes
        # the device asked about.
        evidence.append(f"« {hosted} » tourne sur « {subjects[0]} » : c'est de lui qu'il s'agit")
        subjects = [hosted] + [s for s in subjects if s != hosted]

    # A topic of the agreement itself (« je me permets de vous écrire »: the correspondence) names no equipment either.
    equipment = [s for s in subjects if s not in lexicon.scope_neutral and kb.subjects[s].kind != "agreement"]
    # (« l'assistance pour les applis de gestion, genre les bourses » : a generic word a cue read as a thing, left
    # behind the help asked for, still names it: the bourses are that application's.)
    equipment += [s for s in unique(added.values()) if s not in equipment and s not in lexicon.scope_neutral] + [
        next(r.subject or "" for r in a.entry.readings if r.button) for a in ambiguities if a.how == "undecided" and all(
            r.subject and not r.place for r in a.entry.readings if r.button)]  # (« 2 portables pour les sorties »)
    # (A word inside an idiom names no thing: « avant les vacances » is a moment, « portes ouvertes » an open day.)
    idiom = vocabulary.idiom_words(tokens)
    out_of_scope, oos_words = out_of_scope_topic(lexicon, [t for t, inside in zip(tokens, idiom) if not inside],
                                                 named_as_things(lexicon, tokens, subject_matches, equipment))
    if oos_from_word and not out_of_scope and not subjects:
        out_of_scope, oos_words = oos_from_word, "mot ambigu"
    if not out_of_scope and equipment:
        out_of_scope, oos_words = asked_out_of_scope(vocabulary, lexicon, text, equipment)
    if not out_of_scope and not [s for s in equipment if s != "formation"]:
        # (« qui peut me former à la gestion de classe ? »: a training on something no article provides.)
        on = training_beside_the_digital(vocabulary, lexicon, text)
        if on:
            out_of_scope, oos_words = TRAINING_TOPIC, f"{on} (ce sur quoi porte la formation)"
    if out_of_scope and told_beside_a_fault(vocabulary, lexicon, text, out_of_scope):
        evidence.append(f"« {oos_words} » ne fait que situer : une panne est signalée dans une autre proposition")
        out_of_scope, oos_words = None, ""
    if out_of_scope:
        evidence.append(f"hors champ « {out_of_scope} » (mots : {oos_words})")

    marked = lambda group, name: lexicon.marked(group, name, tokens)  # noqa: E731 - local shorthand
    problem = bool(marked("kinds", "problem")) or repair_named(kb, text)
    # « … une panne d'ordinateur et aussi un souci sur une appli de l'Éducation nationale »: a fault said with « aussi »
    # may be one of two, even when the whole message's words settle on one thing (its parts are checked below).
    listed = numbered(text)  # « 1) la prise est arrachée 2) le serveur est à bout de souffle »
    several = len(topics(kb, what)) > 1 or len(asking_clauses(text)) >= 2 or bool(marked("kinds", "each")) \
        or problem and bool(marked("kinds", "also") or detection.out_of_scope) or listed \
        or problem and len(what) > 1  # « … et Pronote rame »; « l'imprimante est en panne. Qui pose les VP ? »
    chosen = {a.entry.id: a.reading for a in ambiguities if a.reading is not None and a.how in ("cue", "subject")}
    # (Numbered points are read each on its own words: a cue in point 3 does not decide a word of point 1.)
    # (« qui m'accompagne pour les usages pédagogiques, et qui m'aide quand l'intranet plante ? »: two questions,
    # even when neither names equipment.)
    asked_twice = len(asking_clauses(text)) >= 2
    parts = split_parts(kb, lexicon, text, {} if listed else chosen) if several and (what or asked_twice) else ()
    if parts and not (sum(p.problem for p in parts) >= 2 or marked("kinds", "each") or listed
                      or all(p.asks for p in parts)):
        parts = asked_after_story(parts, text)
    if parts:
        evidence.append("plusieurs problèmes : " + " | ".join(f"{p.text} → {list(p.subjects)}" for p in parts))
        side = []
    else:
        side = [s for s in subjects[1:] if family(kb, s) != family(kb, subjects[0])] if parsed else []

    asked = asked_party(kb, lexicon, text, tokens, party_matches)
    # « faut les déclarer quelque part ? »: a closed question by its question mark alone (SMS drops « il »).
    # « Peut-on résilier en cours d'année, et avec quel préavis ? »: a closed question first, an open one after it.
    pieces = clauses(text)
    # (« On peut la modifier en cours de route ? par quel moyen ? »: so is a short open question after its mark that
    # names nothing of its own.)
    after = text[text.find(pieces[0]) + len(pieces[0]):] if pieces else ""
    closed_first = len(pieces) > 1 and not parts and vocabulary.detect(pieces[0]).yes_no and (
        normalise(after).split()[:1] == ["et"] or after.lstrip().startswith("?") and len(pieces) == 2
        and len(pieces[1].split()) <= 5 and not vocabulary.detect(pieces[1]).subjects)
    yes_no, existence = _yes_no(lexicon, detection.yes_no or closed_question(text, False) or closed_first, tokens,
                                party_matches, norm)
    if problem and (not text.rstrip().endswith("?") or (
            not existence and not detection.yes_no and not closed_first and by_tone_alone(text)
            and all(writer(tokens, m) for m in party_matches)
            and lexicon.marked("kinds", "problem", normalise((clauses(text) or [text])[-1]).split()))):
        # « … les élèves ne peuvent plus faire leurs recherches » states a fault: its modal asks nothing; nor does the
        # question mark of « le switch de la salle 5 ne marche plus ? », with no party or question word to check and the
        # fault in the clause it ends (« … est mort : on le rachète ? » asks).
        yes_no = existence = False
    # (« le collège n'a pas le droit d'y toucher, c'est bien ça ? »: a tag's « c'est bien » checks the statement, and
    # « pas le droit » names no party to deny.)
    statement = tagged_statement(text)
    # (« … refusé au motif que ce n'est pas prioritaire » denies a quality, not a party: a party follows the denial.)
    denials = [at for phrase in marked("questions", "negative_check") for at in phrase_positions(tokens, phrase)]
    negative = any(0 < m.start - at <= 4 for at in denials for m in party_matches) and bool(
        lexicon.marked("questions", "check", normalise(statement).split() if statement else tokens))
    # "la sauvegarde, c'est bien le Département qui la définit ?": a party to confirm or deny.
    checked = checked_party(norm, tokens, party_matches,
                            reaching=bool(marked("questions", "which_number") or marked("questions", "declare")))
    if checked is not None:
        asked = Scored(checked.id, 0.9, f"« c'est … {' '.join(tokens[checked.start:checked.start + checked.length])} qui »")
    # « pourquoi c'est le Département qui… ? » asks why, not whether.
    party_check = (negative or checked is not None) and "pourquoi" not in tokens
    phones = phone_numbers(text)
    clock = first_clock(text)
    now_asked = without_story(tokens)  # « coupé depuis lundi »: when it began, not a day asked about
    days = tuple(sorted({d for w, d in _DAYS.items() if w in now_asked}
                        | ({5, 6} if contains(now_asked, "week end") or "weekend" in now_asked else set())))
    glossary = next((g.id for g in lexicon.glossary if any(contains(tokens, w) for w in g.words)), None)

    # An aside in brackets (« (fréquence, durée de conservation) ») details the thing asked about: it does not
    # turn « qui fixe les règles… ? » into a question of duration.
    asked_tokens = without_story(normalise(re.sub(r"\([^)]*\)", " ", text)).split()) or tokens
    qtype = _question_type(kb, lexicon, asked_tokens, subjects, phones, yes_no, glossary, clock, days, negative, text)
    if qtype.value == "when_open_now" and ("assistance" in subjects or lexicon.marked("questions", "line_words", tokens)):
        subjects = [s for s in subjects if s != "duree"]  # « … jusqu'à quand ? » said of a line: its hours, no term
    kind = _kind(lexicon, tokens, subjects, out_of_scope, problem, qtype, yes_no, text, parts)
    evidence.append(f"type de message : {kind.value} ({kind.because})")
    if qtype.value:
        evidence.append(f"type de question : {qtype.value} ({qtype.because})")
    if asked.value:
        evidence.append(f"partie interrogée : {asked.value} ({asked.because})")
    not_specified = tuple(detection.not_specified)
    acts = vocabulary.matches(text, ("action",))  # (« pendant la formation de ce matin » asks for no training)
    tag_at = len(without_check_tag(norm).split())  # (nor « …, on est d'accord ? » for a decision)
    actions = tuple(a for a in detection.actions if not all(said_as_when(tokens, m.start) or m.start >= tag_at for m in acts if m.id == a))
    circumstances: tuple[str, ...] = ()
    if kind.value == "problem_report" and equipment:
        # « le serveur ne redémarre pas depuis la coupure de courant »: the server fails; the power cut is when.
        kept, circumstances = without_circumstances(kb, lexicon, text, not_specified)
        if circumstances:
            evidence.append(f"circonstance, pas la panne : {', '.join(circumstances)}")
        not_specified = kept
    scored = tuple(Scored(s, 0.9 if i == 0 else 0.6, "vocabulaire") for i, s in enumerate(subjects))
    return Frame(
        text=text, normalised=norm, kind=kind, question_type=qtype, yes_no=yes_no, existence=existence,
        negative_check=negative, party_check=party_check, subjects=scored, side_subjects=tuple(side), actions=actions,
        asked_party=asked, parties=tuple(unique(m.id for m in party_matches if not writer(tokens, m))),
        out_of_scope=out_of_scope, not_specified=not_specified,
        kb_out_of_scope=tuple(detection.out_of_scope), ambiguities=tuple(ambiguities),
        parts=parts, phones=phones, clock=clock, days=days, glossary=glossary, parsed=parsed,
        reading_action=next((a.reading.action for a in ambiguities if a.reading and a.reading.action), None),
        circumstances=circumstances, idiom_words=tuple(idiom), evidence=tuple(evidence),
    )


# ------------------------------------------------------------------------------------- other parts
def _yes_no(lexicon: Lexicon, vocabulary_says: bool, tokens: list[str], party_matches: Sequence[Match], norm: str) -> tuple[bool, bool]:
    existence = bool(lexicon.marked("questions", "existence", tokens) or lexicon.marked("questions", "negative_existence", tokens))
    if existence:
        return True, True
    if not vocabulary_says or any(norm.startswith(p) for p in lexicon.markers["questions"]["what_is_needed"]):
        return False, False  # (« que faut-il pour … ? » asks what is needed: its « faut-il » is no yes or no)
    # "c'est qui le référent ?" asks who; "c'est Canopé qui répare ?" asks yes or no.
    match = re.match(r"^(?:est ce (?:que )?)?c est (?:bien )?((?:\w+ ){0,3})qui\b", norm)
    if match and not any(m.start < len(match.group(0).split()) - 1 for m in party_matches if not writer(tokens, m)):
        return False, False
    return True, False


def _question_type(kb, lexicon: Lexicon, tokens, subjects, phones, yes_no, glossary, clock, days, negative,
                   text: str = "") -> Scored:
    q = lambda name: lexicon.marked("questions", name, tokens)  # noqa: E731 - local shorthand
    if phones:
        return Scored("check_fact", 0.9, f"numéro {phones[0]} dans la question")
    if negative or (yes_no and q("check")):
        return Scored("check_fact", 0.8, ", ".join(q("check")))
    # « la permanence du CD reprend à quelle heure et jusqu'à quand ? »: until when a line answers is its hours, not
    # the agreement's term.
    # (« j'ai appelé le support ce matin pour le VP, ils ont combien de temps pour intervenir ? »: « ce matin » tells
    # when the writer called; only a word of the hours in a clause that asks makes the question one of hours.)
    line_hours = bool(q("open_now")) and ("assistance" in subjects or bool(q("line_words"))) \
        and not lexicon.names_agreement(tokens) and _asked_in_a_question(text, q("open_now"))
    if q("duration") and not line_hours and _asked_in_a_question(text, q("duration")):
        return Scored("duration", 0.9, ", ".join(q("duration")))
    lengths = [x for x in quantities(" ".join(tokens)) if x.unit in ("an", "mois")]
    about_agreement = lexicon.names_agreement(tokens) or any(kb.subjects[s].kind == "agreement" for s in subjects)
    # (« … pour deux ans ou pas ? »: that « ou » is « or », it asks no « where »; « pense que … » reports a claim, its
    # « que » asks no « what ».)
    either = {i for i, t in enumerate(tokens) if t == "ou" and tokens[i + 1:i + 2] in (["pas"], ["non"])
              or t in ("que", "qu") and q("reported")}
    if lengths and about_agreement and not {t for i, t in enumerate(tokens) if i not in either} & OPEN_WORDS:
        # « signée pour 4 ans ? »: a length checked, whatever else the message names.
        return Scored("duration", 0.7, f"durée vérifiée : {lengths[0].shown()}")
    # « qu'est-ce qu'on doit déclarer ? » asks what to do, not what a word means.
    defines = bool(q("definition")) and not _WHAT_TO_DO.search(" ".join(tokens))
    if defines and (glossary or subjects):
        return Scored("definition", 0.85, ", ".join(q("definition")))
    # « l'application ne s'ouvre plus » reports a fault: its « ouvre » asks no opening hours.
    faulty = {w for p in lexicon.marked("kinds", "problem", tokens) for w in p.split()}
    opening = [w for w in q("open_now") if w not in faulty]
    # (« … quand le collège est fermé le soir, c'est à qui d'enregistrer ce message ? » tells when, asks who.)
    if opening and (clock or days or not subjects or set(subjects) - ({"duree"} if line_hours else set()) <= {"assistance"}) \
            and (_asked_in_a_question(text, opening) or not _asks_who_instead(lexicon, text)):
        return Scored("when_open_now", 0.8, ", ".join(opening) + (" + heure" if clock else ""))
    if (clock or days) and q("which_number"):
        # "on peut appeler l'Académie à 17 h 15 ?": a moment to check, not a number to give.
        return Scored("when_open_now", 0.75, ", ".join(q("which_number")) + " + moment")
    if any(kb.subjects[s].kind == "agreement" or s in ("gouvernance", "parties", "objectifs") for s in subjects[:1]):
        return Scored("about_agreement", 0.8, f"sujet « {subjects[0]} »")
    if q("which_number") and not (q("who") and set(q("which_number")) <= set(q("phone_as_thing"))):
        return Scored("which_number", 0.75, ", ".join(q("which_number")))
    if q("how"):
        return Scored("how", 0.8, ", ".join(q("how")))
    # « je peux pas me connecter à l'ENT » says what fails, it asks no leave.
    may_i = [p for p in q("may_i") if not set(p.split()) & faulty]
    if may_i:
        return Scored("may_i", 0.8, ", ".join(may_i))
    if q("who"):
        return Scored("who", 0.8, ", ".join(q("who")))
    if yes_no:
        return Scored("check_fact", 0.6, "question fermée")
    if defines:
        return Scored("definition", 0.6, ", ".join(q("definition")))
    return Scored(None, 0.0, "")


def _asked_in_a_question(text: str, phrases: list[str]) -> bool:
    """Whether a marker stands in a clause that asks: « le contrat se termine en juin, c'est au collège de le
    reconduire ? » tells when the contract ends and asks who renews it."""
    if len(clauses(text)) < 2:
        return True
    return any(contains(normalise(piece).split(), phrase) for piece in asking_clauses(text) for phrase in phrases)


def _asks_who_instead(lexicon: Lexicon, text: str) -> bool:
    """Whether a clause that asks asks who (« …, c'est à qui d'enregistrer ce message ? »): a marker outside it
    then tells a circumstance. (A check tag, « …, c'est bien ça ? », asks about the clause before it.)"""
    return any(lexicon.marked("questions", "who", normalise(piece).split()) for piece in asking_clauses(text))

def _kind(lexicon: Lexicon, tokens, subjects, out_of_scope, problem, qtype: Scored, yes_no, text, parts) -> Scored:
    k = lambda name: lexicon.marked("kinds", name, tokens)  # noqa: E731 - local shorthand
    if out_of_scope:
        return Scored("out_of_scope", 0.85, f"sujet « {out_of_scope} »")
    if k("ticket_operation") and not problem:
        return Scored("ticket_operation", 0.8, ", ".join(k("ticket_operation")))
    if not subjects and k("small_talk") and len(tokens) <= 5:
        return Scored("small_talk", 0.8, ", ".join(k("small_talk")))
    asks_how = qtype.value in ("how", "may_i", "definition", "duration", "about_agreement")
    asks_yes_no = yes_no and text.rstrip().endswith("?")  # "personne ne peut appeler" states a fault
    if subjects and problem and not asks_how and not asks_yes_no:
        return Scored("problem_report", 0.8 if not parts else 0.85, "panne décrite sur un sujet")
    if subjects and k("request") and not yes_no and qtype.value in (None, "how", "who"):
        return Scored("request", 0.7, ", ".join(k("request")))
    if qtype.value or text.rstrip().endswith("?"):
        return Scored("question", 0.8 if qtype.value else 0.6, qtype.value or "point d'interrogation")
    return Scored("question", 0.4, "par défaut")


