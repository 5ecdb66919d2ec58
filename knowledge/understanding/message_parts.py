"""Where a message holding several problems or questions splits (issue 11, class 7): its clauses, which of them
ask, and the parts each answered on its own.

Split from syntax.py, which keeps what the parse says of a single message's subject.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from knowledge.normalise import normalise
from knowledge.query import IN_CHARGE_ACTIONS
from knowledge.records import KnowledgeBase
from knowledge.silence_answers import silence_named
from knowledge.understanding.clause_reading import (
    LEAD_INS,
    at_bare_and,
    has_verb,
    named_in_plural,
    numbered_items,
    only_a_complement,
    only_a_frame,
    only_taking_up,
    question_marked,
    refers_back,
    repair_named,
    told,
)
from knowledge.understanding.coordination import coordinated_parts, with_coordinations
from knowledge.understanding.lexicon import Lexicon, Reading, contains
from knowledge.understanding.readings import (
    HOW_SUBJECTS,
    PLACE_OR_ARTICLE_BEFORE,
    hosted_on,
    inside,
    named_things,
    new_thing_told,
    resolve_ambiguous,
    subjects_of,
    weak_fault_elsewhere,
    without_inner_words,
)
from knowledge.understanding.shared_check import closing_party
from knowledge.vocabulary import vocabulary_for

MAX_PARTS = 3
# Clause boundaries for messages that report several problems (a list in one line, « 1) … 2) … », « - … - … », too).
_CLAUSE = re.compile(r"[,;:+]|\.(?=\s)|\s/\s|\?(?=.)|(?:^|\s)[1-9]\s?[)/-](?=\s)|(?:^|\s)[a-h]\)(?=\s)|\s[-•*]\s|\n"
                     r"|\bet en plus\b|\bet aussi\b|\bet puis\b|\bpar ailleurs\b|\bet au passage\b|\bau passage\b"
                     # (« en plus », « de plus » open a clause, unless they end it or a place or a complement follows:
                     # then they say how many, « une prise de plus derrière le bureau », « 4 prises en plus en salle 8 »)
                     r"|(?<!de plus )\b(?:en|de) plus\b(?!\s*(?:$|[.?!;:]|(?:en|dans|au|aux|a|à|pour|par|derriere|derrière|pres|près"
                     r"|chez|entre|sous|vers)\b))"
                     r"|\bet\b(?=\s+(?:le|la|les|l'|l’|mon|ma|mes|son|sa|ses|notre|nos|un|une|des|du|aussi|qui|ki|comment|quel|quelle"
                     r"|est-ce|est ce|a qui|à qui|je|j'|j’|on|il|ils|elle|elles|nous|celui|celle|ceux)\b)", re.IGNORECASE)
_TRAILING_AND = re.compile(r"\s+et$", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"[1-9]")
_ASKING = frozenset({"qui", "ki", "comment", "quel", "quelle", "quels", "quelles", "combien"})  # « …, et qui les installe ? »
# Question words that ask wherever they stand (« qui », « quand », « où » may be relative or say when).
_ASKING_INSIDE = frozenset({"combien", "comment", "quel", "quelle", "quels", "quelles", "pourquoi"})


@dataclass(frozen=True)
class Part:
    """One problem or question of a message that holds several."""

    text: str
    subjects: tuple[str, ...]
    actions: tuple[str, ...]
    problem: bool
    asks: bool = False  # it stands as a question, a fault or a request of its own
    shared: str = ""  # a question asked of every part (« …, qui installe quoi ? »)
    reading: str = ""  # the clause said of this thing alone, when things share it (« le standard sont en panne »)

    @property
    def asked(self) -> str:
        """The part with the question asked of every part, as the answer reads it (the reply quotes ``text``)."""
        if self.reading:
            return self.reading
        return f"{self.text}, {self.shared}" if self.shared else self.text


def sentences(text: str) -> list[str]:
    """The sentences of a message, each ended by its own « . », « ! » or « ? »."""
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def clauses(text: str) -> list[str]:
    """The clauses of a message, cut where a new problem or question may start. An aside in brackets stays with
    its clause (« … sauvegardées (fréquence, support, durée de conservation) ? » is one question)."""
    spans: list[list[int]] = []
    start = 0
    for separator in [*_CLAUSE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        opened = spans and text[spans[-1][0]:spans[-1][1]].count("(") > text[spans[-1][0]:spans[-1][1]].count(")")
        if opened:
            spans[-1][1] = end  # the separator inside the brackets is kept: the clause is a substring of the text
        else:
            spans.append([start, end])
        start = separator.end() if separator else len(text)
    # (« le serveur est planté et, en plus, … »: the « et » before a separator belongs to neither clause; « 1. … ?
    # 2. … ? »: a number alone between two separators numbers the next clause, no clause of its own, which would
    # hide the question mark before it; « la salle 2. » keeps its number.)
    return [c for c in (_TRAILING_AND.sub("", text[a:b].strip(" ,;?!.")) for a, b in spans)
            if c and not _LIST_NUMBER.fullmatch(c)]


def opens_question(tokens: list[str]) -> bool:
    """Whether a clause (normalised words) opens with a question word (« et qui les installe »), not a
    relative « qui » inside it (« les PC qui s'entassent »)."""
    opening = list(tokens)
    while opening[:1] and opening[0] in LEAD_INS:
        opening = opening[1:]
    if opening[:2] == ["de", "savoir"]:  # « et aussi de savoir qui décide… »: an indirect question opens
        opening = opening[2:]
    # « je voudrais savoir qui installe… », « pouvez-vous me dire qui… », « je me demande si… »
    asking_verb = next((i for i, t in enumerate(opening[:4]) if t in _ASKING_VERBS), None)
    if asking_verb is not None:
        opening = opening[asking_verb + 1:]
    return bool(opening) and opening[0] in _ASKING


def _indirect_closed(tokens: list[str]) -> bool:
    """« si on peut acheter des tablettes », « si le collège doit… »: a yes/no question asked indirectly (« et si
    le Département refuse ? » is a case of the question before it, no question of its own)."""
    opening = [t for t in tokens[:2] if t not in LEAD_INS] + tokens[2:]
    return opening[:1] == ["si"] and len(opening) > 2 and opening[1] in _CLOSED_SUBJECTS and bool(set(opening[2:4]) & _MODALS)


# A yes/no question by inversion (« le collège peut-il … », « doit-on … », « est-ce que … »), even when its question
# mark ends the message after another clause (« …, et qui administre le filtrage ? »).
_INVERTED = re.compile(r"\b\w+-t?-?(?:il|elle|on|ils|elles|je|nous|vous)\b|\best[- ]ce qu", re.IGNORECASE)
# Who an indirect yes/no question after « et si » asks about (« et si on peut… », « et aussi si le collège doit… »).
_CLOSED_SUBJECTS = frozenset({"on", "nous", "je", "j", "le", "la", "les", "l", "c", "il", "elle", "ils", "elles"})
_ASKING_VERBS = frozenset({"savoir", "dire", "demande", "demandais"})
_MODALS = frozenset({"peut", "peux", "pouvons", "pouvez", "peuvent", "doit", "dois", "devons", "devez", "doivent", "faut"})
_PARTY_TOPICS = frozenset({"parties"})  # the subject the parties' own names give (subjects.yml)


def asks_in(clause: str, text: str) -> bool:
    """Whether a clause of ``text`` asks: it opens with a question word, holds one that is never relative (« la
    convention dure combien de temps »), or the writer ended it with a question mark (« … la pose c'est qui ? et
    on doit les faire enregistrer ? »)."""
    tokens = normalise(clause).split()
    # (an indirect « si on peut… » asks only last in its message: « si on doit le remplacer, qui paie ? » asks who)
    last = normalise(text).endswith(" ".join(tokens))
    return opens_question(tokens) or bool(_ASKING_INSIDE & set(tokens)) \
        or question_marked(clause, text) or last and _indirect_closed(tokens) \
        or bool(_INVERTED.search(clause)) and "?" in text


def asking_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that ask (:func:`asks_in`): what a message asks, apart from what it tells before."""
    return [clause for clause in clauses(text) if asks_in(clause, text)]


# « Avec qui doit-*il* se concerter ? » after « Le rectorat veut déployer … »: the subject taken up.
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
# « … sont très lents. On peut demander *leur* remplacement ? »: a question naming nothing takes up the thing told.
_POSSESSIVES = frozenset({"leur", "leurs"})  # (« qui doit donner son accord ? »: « son » is the one asked)

_TAKING_UP_ALL = frozenset({"ca", "cela"})  # subjects that take up what was just said (« ça » all of it)
_TAKING_UP_SUBJECTS = _SUBJECT_PRONOUNS | _TAKING_UP_ALL
_DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})  # they point back at what was just said (« ce recensement »)


def split_parts(kb: KnowledgeBase, lexicon: Lexicon, text: str, decided: Mapping[str, Reading]) -> tuple[Part, ...]:
    """Split a message into problems: each clause that names a subject of another family starts a part;
    clauses without a subject ("j'appelle qui ?", "plus d'appel au secrétariat") belong to the previous one.
    ``decided``: the readings the whole message chose for its ambiguous words."""
    vocabulary = vocabulary_for(kb)
    # « 6 vidéoprojecteurs à poser et 10 PC de plus : qui fait quoi ? »: the writer says there are several things;
    # two things of one family, named in clauses of their own, are then two parts.
    each_asked = bool(lexicon.marked("kinds", "each", normalise(text).split()))
    segments = [piece for segment in clauses(text) for piece in at_bare_and(kb, segment, each_asked)]
    items = numbered_items(text, segments)
    parts: list[list] = []  # [text, subjects, actions, problem, asks]
    part_items: list[int] = []  # the numbered item each part belongs to (0 before the first, or without numbers)
    shared = ""
    agreement_named = lexicon.names_agreement(normalise(text).split())
    for at, segment in enumerate(segments):
        tokens = normalise(segment).split()
        seg_matches = vocabulary.matches(segment, ("subject", "party"))
        parties = [m for m in seg_matches if m.kind == "party"]
        weak = vocabulary.matches(segment, ("weak_subject",))
        subjects = without_inner_words([m for m in seg_matches if m.kind == "subject" and not inside(m, parties)], weak)
        readings, removed, added, _ = resolve_ambiguous(kb, lexicon, tokens, subjects, decided=decided)
        if parts:
            # A place word seen in the whole message stays a place in its clause; a thing compared with is none.
            for m in subjects:
                entry = next((e for e in lexicon.ambiguous if tokens[m.start] in e.words), None)
                before = tokens[m.start - 1] if m.start > 0 else ""
                if entry and any(r.place for r in entry.readings) and before in PLACE_OR_ARTICLE_BEFORE \
                        or "comme" in tokens[max(0, m.start - 3):m.start]:  # (« … le remplace comme les fixes ? »)
                    removed.add(m.start)
        # A thing named beside a topic of the agreement is what the clause is about (« qui renouvelle les
        # téléphones » is not about renewing the agreement).
        ids = sorted(subjects_of(kb, subjects, removed, added), key=lambda s: kb.subjects[s].kind == "agreement")
        hosted = hosted_on(kb, ids, tokens, subjects)
        if hosted is not None:  # « les PC de ma salle ont besoin d'un antivirus à jour »: the antivirus, as a whole message
            ids = [hosted] + [s for s in ids if s != hosted]
        if not ids:
            # « … et il nous faut aussi un nouveau portable » : a word this clause leaves open still names a thing;
            # its part asks which one (the subject's own buttons) instead of vanishing into the part before.
            open_words = {r.word for r in readings if r.how == "undecided"}
            ids = [m.id for m in subjects if m.start in removed and tokens[m.start] in open_words and kb.subjects[m.id].clarify]
        detection = vocabulary.detect(segment)
        if not ids and agreement_named and not (detection.not_specified or detection.out_of_scope):
            # « la convention dure combien de temps, et si on veut en sortir ? »: in a message on the agreement, a
            # clause naming nothing else is about the topic its words choose (message_kinds agreement_topics).
            ids = next(([topic] for topic, words in lexicon.markers["agreement_topics"].items()
                        if any(contains(tokens, w) for w in words)), [])
        problem = bool(lexicon.marked("kinds", "problem", tokens)) or repair_named(kb, segment)
        # "… et le wifi du CDI aussi": the same fault, said once for two things.
        problem = problem or bool(parts and parts[-1][3] and lexicon.marked("kinds", "also", tokens))
        ids = ids or (weak_fault_elsewhere(kb, weak, parts[-1][1]) if problem and parts else [])
        # The words that gave the clause's subjects are question words only (« jusqu'à quand », « combien de temps »).
        asked_when = bool(subjects) and all(set(tokens[m.start:m.start + m.length]) & _WHEN_WORDS for m in subjects)
        # « qui paie les tablettes et qui les installe ? »: a second question on the same thing, with its own
        # action, is a part of its own about the previous part's subject.
        # (« …, qui pour chaque ? », « j'appelle qui ? » ask about what was said before: no part of their own.)
        # « et les nouveaux logiciels péda, ils sont validés par qui ? », « on veut une option sur le standard, ça se
        # paie comment ? »: a clause naming no thing whose subject takes up the noun just set out (a phrase with no
        # verb) or, « ça », all that was just said, asks about it: it completes that part.
        takes_up = bool(parts) and not ids and bool(tokens) and tokens[0] in _TAKING_UP_SUBJECTS and at > 0 \
            and (not has_verb(segments[at - 1]) or tokens[0] in _TAKING_UP_ALL) and parts[-1][0].endswith(segments[at - 1])
        asks_again = bool(parts) and not ids and not takes_up and asks_in(segment, text) and len(tokens) > 2 \
            and not (detection.actions and set(detection.actions) <= set(parts[-1][2])) \
            and (bool(detection.actions) or not only_taking_up(kb, tokens)) \
            and not lexicon.marked("questions", "which_number", tokens) and not lexicon.marked("kinds", "each", tokens) \
            and not _DEMONSTRATIVES & set(tokens) and (opens_question(tokens) or has_verb(segment))
        # (« … ? à quelle adresse ? » has no verb, « qui tient ce recensement ? » points back with « ce »: each
        # completes the part before it.)
        asks = problem or asks_in(segment, text) or bool(lexicon.marked("kinds", "request", tokens))
        # « qui paye les options de l'autocom, et qui renouvelle les téléphones fixes ? »: a new question with
        # its own action (or the same one on another thing: « qui pose les VP et qui installe les PC ? ») is a part.
        # (« l'OS des serveurs n'est plus supporté, qui le met à jour ? et la licence du logiciel d'admin, qui
        # l'achète ? »: after a question ended by its mark, a clause naming a thing opens the next question.)
        # (Not a guess at the answer, « c'est quel tribunal ? le tribunal administratif ? », which asks nothing new.)
        after_question = at > 0 and parts and parts[-1][4] and bool(ids) \
            and question_marked(segments[at - 1], text) \
            and (has_verb(segment) or at + 1 < len(segments) and asks_in(segments[at + 1], text))
        asks_anew = bool(parts) and bool(ids) and (opens_question(tokens) or _indirect_closed(tokens)) and parts[-1][4] \
            and bool(detection.actions) and (not set(detection.actions) <= set(parts[-1][2])
                                             or tokens[0] in _ASKING and not set(ids) & set(parts[-1][1])) or bool(after_question)
        # « … elle est présidée par qui ? Le préfet, le président du Département, la rectrice ? »: names of
        # parties without a verb, after a question, are the answers the writer thinks of, not a new question.
        candidates = bool(parts) and parts[-1][4] and bool(ids) and set(ids) <= _PARTY_TOPICS and not has_verb(segment)
        # « …, comme pour les postes fixes ? »: a comparison is part of the question it follows, and so is an example
        # (« …, par exemple pour ajouter un point sur les tablettes ? ») or a phrase with no verb that only says where
        # or how (« …achetés sur notre budget, dans le catalogue du Département »).
        if candidates or parts and (tokens[:1] in (["comme"], ["notamment"]) or tokens[:2] == ["par", "exemple"]
                                    or only_a_complement(tokens, segment)):
            ids = []
        if items and items[at] and parts and part_items[-1] == items[at]:
            # Inside one numbered item (« 2. se renouvelle-t-elle, et à quelle date ? »), every clause goes on with the
            # item: the writer numbered the questions; but « … 3) le compte est bloqué. qui gère quoi ? » asks of all.
            if len(parts) > 1 and not ids and segment == segments[-1] and lexicon.marked("kinds", "each", tokens):
                shared = segment
                continue
            _go_on(parts[-1], segment, ids, detection.actions, problem, asks)
            continue
        if items and items[at]:
            # « 1. pour la résilier, il faut prévenir combien de temps avant ? 2. est-ce qu'elle se renouvelle ? »: each
            # numbered item is a part of its own, whatever it names (« 2) qui les installe ? »: the thing before).
            ids = ids or (_taken_up(kb, parts, tokens) if parts and refers_back(segment) else [])
            parts.append([segment, ids, list(detection.actions), problem, asks])
            part_items.append(items[at])
            continue
        # « … et une prise est arrachée. C'est le Département qui intervient ? »: a closing check of a party, naming
        # no thing, asks about all that was told (shared_check.py), not about a thing of its own (after one fault too).
        closing = bool(parts) and (len(parts) > 1 or parts[-1][3]) and not ids and segment == segments[-1] \
            and closing_party(kb, lexicon, segment) is not None
        if parts and not ids and segment == segments[-1] and (
                closing or len(parts) > 1 and asks_again and (refers_back(segment) or bool(detection.actions))
                and set(detection.actions) <= IN_CHARGE_ACTIONS):
            # « le switch est HS et le vidéoprojecteur ne s'allume plus. Qui s'en occupe ? »: a closing question on
            # who is in charge, pointing back or naming only that charge (« c'est pris en charge par qui ? »), is
            # asked of every part, not a part of its own.
            shared = segment
        elif asks_again and parts[-1][4] and not closing:
            # « … et qui les installe ? » speaks of the previous thing (a pronoun); « et qui forme les profs ? »
            # of a thing of its own, which no subject names.
            # (« … déplacer 15 postes. Qui valide et comment on demande ? »: a step asked of no thing is of the last one.)
            back = refers_back(segment) or bool(detection.actions) and set(detection.actions) <= _STEPS
            # (« il dure combien de temps, et comment on le résilie ? »: on the agreement, its words choose the topic.)
            topic = [t for t, words in lexicon.markers["agreement_topics"].items() if any(contains(tokens, w) for w in words)]
            own = topic[:1] if topic and detection.actions and all(kb.subjects[s].kind == "agreement" for s in parts[-1][1]) else []
            parts.append([segment, own or (_taken_up(kb, parts, tokens) if back else []), list(detection.actions), problem,
                          asks])
        # « …. qui appeler ? » names the support lines only: it asks about the previous problem. A clause that names a
        # thing of a family the previous part does not name starts a part (« SIECLE refuse de s'ouvrir sur le poste »
        # after « le serveur est planté »: « poste » shares the server's family, SIECLE does not), and so does a request
        # beside a fault (« …, et on aimerait une formation sur ce logiciel »); one naming the previous thing goes on.
        elif ids and not set(ids) <= set(HOW_SUBJECTS) and not _takes_up_as_the_agreement(kb, ids, parts, agreement_named, asked_when) and (
                not parts or asks_anew
                or (new_thing_told(kb, ids, parts[-1][1], problem, parts[-1][4]) or each_asked)
                and not named_things(kb, ids) & named_things(kb, parts[-1][1])
                or parts[-1][3] and not problem and ids[0] not in parts[-1][1] and lexicon.marked("kinds", "request", tokens)):
            parts.append([segment, ids, list(detection.actions), problem, asks])
        elif not parts and not ids and len(tokens) > 2 and bool(detection.actions) \
                and not set(detection.actions) <= IN_CHARGE_ACTIONS and opens_question(tokens) \
                and not lexicon.marked("questions", "which_number", tokens) and not _DEMONSTRATIVES & set(tokens) \
                and (question_marked(segment, text)
                     or at + 1 < len(segments) and opens_question(normalise(segments[at + 1]).split())):
            # « 1) qui forme les enseignants ? 2) qui installe les logiciels ? »: a first question with its own act
            # and no thing named, ended by its question mark or followed by another question, is a part of its own
            # (it vanished, and the next one took its act). (« qui me forme moi, le RUPN, à l'administration du
            # serveur ? » goes on after its comma: one question.)
            parts.append([segment, [], list(detection.actions), problem, asks])
        elif parts and ids and set(ids) <= set(HOW_SUBJECTS) and parts[-1][4] and opens_question(tokens) and has_verb(segment) \
                and not refers_back(segment) and not _TAKING_UP_SUBJECTS & set(tokens) and question_marked(segment, text) \
                and not lexicon.marked("questions", "which_number", tokens):  # « …, et qui m'aide quand l'intranet plante ? »
            parts.append([segment, ids, list(detection.actions), problem, asks])
        elif parts and len(parts) > 1 and not ids and segment == segments[-1] and lexicon.marked("kinds", "each", tokens):
            # « deux vidéoprojecteurs et un logiciel de physique : qui installe quoi ? »: the closing question is
            # asked of every part.
            shared = segment
        elif parts and not ids and problem and (detection.out_of_scope and not set(detection.out_of_scope) & set(
                vocabulary.detect(parts[-1][0]).out_of_scope) or parts[-1][1] and lexicon.names_out_of_scope(tokens)):
            # « …, le TNI ne s'allume pas et Pronote rame », « …, le portail du parking ne s'ouvre plus »: a fault of a
            # thing the agreement leaves out is a part of its own, which says so, instead of vanishing into the TNI's.
            parts.append([segment, [], list(detection.actions), problem, asks])
        elif parts:
            # (« les tableaux, qui les achète » : the question about the thing just named completes its part.)
            _go_on(parts[-1], segment, ids, detection.actions, problem, asks)
        part_items += [items[at] if items else 0] * (len(parts) - len(part_items))
    if len(parts) > 2 and not parts[0][4] and all(p[4] for p in parts[1:]) \
            and all(kb.subjects[s].kind == "agreement" for s in parts[0][1]):
        # « Deux questions pour préparer le conseil d'administration : qui …, et qui … ? »: what comes before
        # the questions is their context, not a question of its own.
        parts = parts[1:]
    parts = with_coordinations(kb, lexicon, text, parts, decided)
    if len(parts) >= 2 and only_a_frame(parts[0][0]):
        # « Pour une extension du réseau, l'étude préalable prend combien de temps ? »: a phrase with no verb
        # that opens on a preposition says what the question is about, it asks nothing of its own.
        first, second = parts[0], parts[1]
        parts[:2] = [[f"{first[0]}, {second[0]}", first[1] + [s for s in second[1] if s not in first[1]],
                      first[2] + [a for a in second[2] if a not in first[2]], first[3] or second[3],
                      first[4] or second[4]]]
    if len(parts) == 2 and told(parts[0][0], text) and (asks_in(parts[1][0], text) or parts[1][4]) \
            and (refers_back(parts[1][0]) or not parts[0][3] and _SUBJECT_PRONOUNS & set(normalise(parts[1][0]).split())
                 or not parts[1][1] and _POSSESSIVES & set(normalise(parts[1][0]).split())):
        # « Nous voulons installer une application qui a besoin d'un serveur. Faut-il en parler au Département ? »:
        # a sentence that tells a wish or a story, then the one question about it, which takes it up with a
        # pronoun: one question, not two.
        return ()
    if len(parts) < 2:
        # (« plus d'internet ni de téléphone au secrétariat »: one clause, said of two things)
        coordination = coordinated_parts(kb, lexicon, parts[0][0] if parts else text, decided)
        return tuple(Part(p[0], tuple(p[1]), tuple(p[2]), p[3], p[4], reading=p[5]) for p in coordination)
    on_one_thing = parts[0][1] == parts[1][1] or all(kb.subjects[s].kind == "agreement" for p in parts for s in p[1])
    if len(parts) == 2 and on_one_thing and _INVERTED.search(parts[0][0]) \
            and not question_marked(parts[0][0], text):
        # « Peut-on résilier la convention, et il faut prévenir combien de temps avant ? »: a yes/no question and an open
        # one on the same thing (or both on the agreement) are one question, answered with its « Oui » and the detail.
        return ()
    if parts[0][1] and all(p[1] == parts[0][1] for p in parts) and silence_named(kb, normalise(text)) is not None:
        # « la formation de mercredi c'est à quelle heure, et on est payés pour y aller ? »: two questions on one
        # thing, which together name a point the text leaves open (the second alone no longer names the thing):
        # one question, answered by that silence.
        return ()
    if shared:
        actions = vocabulary.detect(shared).actions
        parts = [[p[0], p[1], p[2] + [a for a in actions if a not in p[2]], p[3], True] for p in parts]
    return tuple(Part(p[0], tuple(p[1]), tuple(p[2]), p[3], p[4], shared, *p[5:]) for p in parts[:MAX_PARTS])


_STEPS = frozenset({"demander", "valider"})  # acts of a procedure, asked of whatever the message is about


def _taken_up(kb: KnowledgeBase, parts: list[list], tokens: list[str]) -> list[str]:
    """The thing a pronoun takes up: the last one named (« … un vidéoprojecteur. Qui donne le feu vert ? et qui le
    pose ? » takes up the projector past a question that named none); « les » a thing named in the plural (« des
    tablettes … côté pédagogie, et qui les installe ? » the tablets, not the pedagogy)."""
    plural = bool({"les", "leur", "leurs"} & set(tokens))
    named = [p for p in reversed(parts) if p[1]]
    return next((list(p[1]) for p in named if not plural or named_in_plural(kb, p[0])), list(named[0][1]) if named else [])


def _go_on(last: list, segment: str, ids, actions, problem: bool, asks: bool) -> None:
    """The clause ``segment`` completes the part ``last`` (its words, things, acts, fault and question added)."""
    last[0] = f"{last[0]}, {segment}"
    last[1] += [s for s in ids if s not in last[1]]
    last[2] += [a for a in actions if a not in last[2]]
    last[3] = last[3] or problem
    last[4] = last[4] or asks


def _takes_up_as_the_agreement(kb: KnowledgeBase, ids: list[str], parts: list[list], agreement_named: bool,
                               asked_when: bool) -> bool:
    """« je me suis inscrite à une formation Canopé…, on peut se désinscrire jusqu'à quand ? »: a clause whose only
    topic is the agreement's term, read from its question words (« jusqu'à quand »), in a message that never names
    the agreement, goes on with the thing the part before is about; it is no question on the agreement."""
    return bool(parts) and asked_when and not agreement_named and all(kb.subjects[s].kind == "agreement" for s in ids) \
        and any(kb.subjects[s].kind != "agreement" for s in parts[-1][1])


_WHEN_WORDS = frozenset({"quand", "kan", "combien", "cb", "temps"})
