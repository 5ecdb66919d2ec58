"""Compose short French answers from the knowledge base, each with its citation.

Every sentence that states a responsibility comes from an obligation or term record and names its
article; nothing here invents one. Channels render :class:`Answer` (text + citation + choices).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional, Sequence

from knowledge.query import (
    about_subject,
    line_open,
    rank_obligations,
    subject_chain,
    support_line_for,
)
from knowledge.records import KnowledgeBase, Obligation, SupportLine, Term
from knowledge.schedule import now_paris
from knowledge.normalise import normalise
from knowledge.vocabulary import Detection, vocabulary_for

QUESTION_WORDS = {"qui", "ki", "kiki", "quel", "quelle", "quels", "quelles", "kel", "kelle", "comment", "ou"}
SUPPORT_WORDS = {"numero", "numeros", "appeler", "appelle", "joindre", "joignable", "contacter", "contacte",
                 "hotline", "horaires", "horaire", "heure", "heures", "ouvert", "ouverte", "ouverts", "ouvre",
                 "ferme", "fermee", "permanence", "telephoner", "tel", "plateforme", "formulaire", "samedi",
                 "dimanche"}
SUPPORT_PHRASES = ("j appelle", "appelle qui", "suivi en ligne", "plate forme", "je contacte", "on contacte",
                   "quel numero", "a qui telephoner")
PROCEDURE_PHRASES = ("comment", "demarche", "par ou", "que se passe", "on peut faire quoi", "on fait quoi",
                     "s y prend", "on s adresse", "a qui dois je", "a qui doit on", "a qui adresser",
                     "quelle procedure", "les etapes", "qu est ce qu on fait", "que faire", "on demande a qui",
                     "et si", "scenarios", "scenario")
PROHIBITION_PHRASES = ("pas le droit", "interdit", "interdits", "ne doit pas", "ne doivent pas", "pas autorise")
PROCEDURE_SUBJECTS = ("demande_equipement", "deplacement_materiel", "inventaire", "ent", "achat_fonds_propres",
                      "achat_hors_referentiel", "modification_reseau", "logiciel_pedagogique", "formation")
# A "how do I…" about equipment in general is a request for equipment (article 5).
PROCEDURE_REDIRECT = {"materiel_informatique": "demande_equipement", "videoprojecteur": "demande_equipement"}
GOVERNANCE_SECTION = "article-11"


@dataclass(frozen=True)
class Choice:
    """A button offered to disambiguate: a subject and/or an action."""

    label: str
    subject: Optional[str] = None
    action: Optional[str] = None


@dataclass
class Answer:
    """One chat-sized answer and what it rests on."""

    kind: str  # responsibility | support | procedure | agreement | clarify | not_specified | out_of_scope | unknown
    text: str
    articles: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    quote: str = ""
    choices: list[Choice] = field(default_factory=list)
    subject: Optional[str] = None
    actions: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)
    yes_no: Optional[str] = None
    line: Optional[str] = None
    trace: tuple[str, ...] = ()  # issue 11: the words and records behind the answer (`ask --why`)

    @property
    def answered(self) -> bool:
        """False when the bot could not answer (worth recording to improve the data)."""
        return self.kind not in {"unknown"}


@dataclass(frozen=True)
class Context:
    """What the previous question was about, for elliptic follow-ups ("et les fixes ?")."""

    subject: Optional[str] = None
    actions: tuple[str, ...] = ()
    kind: Optional[str] = None


def answer_question(
    kb: KnowledgeBase,
    text: str,
    *,
    intent: Optional[str] = None,
    context: Optional[Context] = None,
    subject: Optional[str] = None,
    action: Optional[str] = None,
    now: Optional[datetime] = None,
    understand: bool = True,
) -> Answer:
    """Answer a question in French. ``subject``/``action`` (ids) override what the text says, e.g. from a button.

    ``understand=False`` skips the understanding policy (it uses this path itself for what it hands over).
    """
    text = text or ""
    # ---- understanding hook (issue 11, knowledge/understanding): the policy decides first; what it does
    # not decide is answered by the path below, and every answer carries the policy's trace.
    if understand and not subject and not action:
        from knowledge.understanding.policy import decide  # local import: the policy composes with this module

        followup = intent == "ask_followup" or normalise(text).startswith("et ")
        decision = decide(kb, text, intent=intent, now=now, followup=followup,
                          context_subject=context.subject if context else None)
        answer = decision.answer or answer_question(kb, text, intent=intent, context=context, now=now,
                                                    understand=False)
        answer.trace = decision.trace
        return answer
    # ---- end of understanding hook
    vocabulary = vocabulary_for(kb)
    detection = vocabulary.detect(text)
    if not detection.yes_no and _party_statement_question(kb, text):
        detection.yes_no = True  # "l'Académie gère le filtrage ?"
    focus = _focus_actions(kb, text, detection)
    if subject:
        detection.subjects = [subject]
    if action:
        detection.actions = [action]
        focus = [action]
    followup = intent == "ask_followup" or detection.normalised.startswith("et ")
    kind_hint = None
    if context and (followup or not detection.subjects):
        if not detection.subjects and context.subject and (detection.actions or followup or detection.parties):
            detection.subjects = [context.subject]
        if not detection.actions and context.actions and followup:
            detection.actions = list(context.actions)
            focus = list(context.actions)
        if followup:
            kind_hint = context.kind
    if detection.yes_no and not detection.parties:
        detection.parties = ["college"]  # "on peut… ?": the person asking speaks for the collège
    now = now or now_paris()
    norm = f" {detection.normalised} "
    procedure_words = any(f" {p} " in norm for p in PROCEDURE_PHRASES)
    support = ((intent == "ask_support" and not procedure_words) or kind_hint == "support"
               or _is_support_question(detection, None))
    procedure = intent == "ask_procedure" or kind_hint == "procedure" or procedure_words

    if detection.not_specified and not support:
        return _not_specified(kb, detection)
    # In a "who do I call" question, "téléphone" and "assistance" say how, not what about.
    strong = ([s for s in detection.subjects if s != "telephone"] if support else list(detection.subjects))
    if support and len(strong) > 1:
        strong = [s for s in strong if s != "assistance"]
    if support and (not strong or strong == ["assistance"]):
        return _support_by_party(kb, detection, now)
    if any(f" {p} " in norm for p in PROHIBITION_PHRASES) and _only_weak_subjects(kb, detection):
        return _prohibitions(kb)
    if not detection.subjects:
        if detection.out_of_scope or intent == "out_of_scope":
            return _out_of_scope(kb, detection)
        if intent == "ask_agreement" or any(w in detection.normalised.split() for w in ("convention", "accord")):
            return _agreement_overview(kb)
        return _unknown(kb, detection)
    subject_id = _best_subject(kb, strong or detection.subjects, detection, focus)
    subject_id = _refine_by_action(kb, subject_id, detection.actions)
    record = kb.subjects[subject_id]
    if record.kind == "agreement" or subject_id in ("gouvernance", "parties", "objectifs"):
        return _agreement(kb, subject_id, detection)
    if support:
        return _support(kb, subject_id, detection.actions, now)
    if procedure:
        redirect = not detection.actions or set(detection.actions) <= {"acheter", "demander", "payer"}
        target = PROCEDURE_REDIRECT.get(subject_id, subject_id) if redirect else subject_id
        if target in PROCEDURE_SUBJECTS and not detection.yes_no:
            return _procedure(kb, target, detection.actions)
    if record.clarify and _is_bare(detection):
        return _clarify(kb, subject_id)
    detection.subjects = [subject_id] + [s for s in detection.subjects if s != subject_id]
    return _responsibility(kb, detection, focus, text)


def _party_statement_question(kb: KnowledgeBase, text: str) -> bool:
    """A statement about a party ending with "?" is a yes/no question ("le Département installe … ?")."""
    if not text.strip().endswith("?"):
        return False
    if set(normalise(text).split()) & (QUESTION_WORDS | {"quoi", "koi"}):
        return False
    tokens = normalise(text).split()
    matches = vocabulary_for(kb).matches(text, ("party",))
    return any((m.start == 0 or (m.start == 1 and tokens[0] in {"le", "la", "l", "les"})) and not _is_pronoun(text, m)
               for m in matches)


def _is_bare(detection: Detection) -> bool:
    """A subject named without a question about it ("vidéoprojecteur ?", "une question sur le réseau")."""
    words = set(detection.normalised.split())
    return not detection.actions and not detection.yes_no and not (words & (QUESTION_WORDS | {"quoi", "koi"}))


def _only_weak_subjects(kb: KnowledgeBase, detection: Detection) -> bool:
    """True when the message names no specific subject ("qu'est-ce que le collège n'a pas le droit de faire ?")."""
    generic = {"materiel_informatique", "usages_pedagogiques"}
    return all(s in generic for s in detection.subjects)


def _best_subject(kb: KnowledgeBase, subjects: Sequence[str], detection: Detection, focus: Sequence[str]) -> str:
    """Among several subjects named, the one whose best rule answers the question best (first one on ties)."""
    if len(subjects) == 1:
        return subjects[0]
    best, best_score = subjects[0], float("-inf")
    words = detection.normalised.split()
    for subject in subjects[:4]:
        candidate = _refine_by_action(kb, subject, detection.actions)
        ranked = rank_obligations(kb, candidate, detection.actions, focus_actions=focus, also_subjects=subjects,
                                  words=words)
        score = ranked[0].score - 0.5 * ranked[0].depth if ranked else float("-inf")
        if _is_broad(kb, subject):
            score -= 3.0  # "les ordinateurs" yields to "le système d'exploitation des ordinateurs"
        if score > best_score + 0.01:
            best, best_score = subject, score
    return best


def _is_broad(kb: KnowledgeBase, subject_id: str) -> bool:
    """A category with several more specific subjects under it (the matériel informatique)."""
    return sum(1 for s in kb.subjects.values() if s.parent == subject_id) >= 3


def _refine_by_action(kb: KnowledgeBase, subject_id: str, actions: Sequence[str]) -> str:
    """"modifier le réseau" is about a modification of the network, "gérer le téléphone" about contracts."""
    for action in actions:
        target = kb.subjects[subject_id].by_action.get(action)
        if target:
            return target
    return subject_id


def _focus_actions(kb: KnowledgeBase, text: str, detection: Detection) -> list[str]:
    """Actions named after the question word ("on a acheté…, qui s'occupe de la maintenance ?")."""
    tokens = normalise(text).split()
    question_at = next((i for i, t in enumerate(tokens) if t in QUESTION_WORDS), None)
    if question_at is None:
        # "on a acheté des tablettes, faut-il les déclarer ?": the question is the last clause.
        tail = re.split(r"[,;:]", text)[-1]
        in_tail = [m.id for m in vocabulary_for(kb).matches(tail, ("action",))]
        return in_tail or list(detection.actions)
    matches = vocabulary_for(kb).matches(text, ("action",))
    after = [m.id for m in matches if m.start > question_at]
    # "elles sont gérées comment ?": the verb just before the question word is the one asked about.
    before = [m.id for m in reversed(matches) if m.start < question_at]
    return after or before or list(detection.actions)


def _is_support_question(detection: Detection, intent: Optional[str]) -> bool:
    if intent == "ask_support":
        return True
    words = set(detection.normalised.split())
    norm = f" {detection.normalised} "
    return bool(words & SUPPORT_WORDS) or any(f" {p} " in norm for p in SUPPORT_PHRASES)


def _label(kb: KnowledgeBase, section_id: str) -> str:
    return kb.sections[section_id].label


def _with_article(kb: KnowledgeBase, statement: str, section_id: str) -> str:
    body = statement.rstrip(". ")
    return f"{body} ({_label(kb, section_id)})."


def _asked_party(detection: Detection) -> Optional[str]:
    return detection.parties[0] if detection.parties else None


def _named_parties(kb: KnowledgeBase, text: str) -> list[str]:
    matches = vocabulary_for(kb).matches(text, ("party",))
    # Pronouns are aliases of the collège for questions, never for the data's own wording.
    return [m.id for m in matches if normalise(kb.parties[m.id].name) and m.length and not _is_pronoun(text, m)]


def _is_pronoun(text: str, match) -> bool:
    tokens = normalise(text).split()
    return " ".join(tokens[match.start : match.start + match.length]) in {"on", "nous"}


def _responsibility(kb: KnowledgeBase, detection: Detection, focus: Sequence[str], text: str = "") -> Answer:
    subject_id = detection.subjects[0]
    asked = _asked_party(detection)
    # A yes/no question is answered by who is actually in charge: naming a party must not bias the search.
    ranked = rank_obligations(
        kb,
        subject_id,
        detection.actions,
        () if detection.yes_no else detection.parties,
        focus_actions=focus,
        prefer_prohibitions=detection.yes_no and asked == "college",
        also_subjects=detection.subjects,
        words=detection.normalised.split(),
    )
    if not ranked:
        if kb.subjects[subject_id].clarify:
            return _clarify(kb, subject_id)  # "le téléphone": fixed or mobile?
        return _not_specified(kb, detection, subject_id=subject_id)
    main = ranked[0].obligation
    parties = list(main.parties)
    parts: list[str] = []
    yes_no = None
    if detection.yes_no and asked:
        # understanding hook (issue 11): the policy computes the verdict from the party asked about;
        # None means no bare « Oui »/« Non », the record is stated as it is.
        from knowledge.understanding.policy import yes_no_verdict

        yes_no = yes_no_verdict(kb, text or detection.normalised, main, focus)
        if yes_no:
            parts.append("Oui." if yes_no == "oui" else "Non.")
    parts.append(_obligation_sentence(kb, main))
    if main.role in ("must_not", "consulted"):
        # "… en concertation avec le Département", "demandez … au Département": that party is part of the answer.
        for party in _named_parties(kb, f"{main.statement} {main.condition} {main.advice}"):
            if party not in parties:
                parties.append(party)
    extra = _related(kb, ranked, main)
    if extra is not None:
        parts.append(_obligation_sentence(kb, extra, with_condition=False))
        parties.extend(p for p in extra.parties if p not in parties)
    articles = [main.section] + ([extra.section] if extra and extra.section != main.section else [])
    return Answer(
        kind="responsibility",
        text=" ".join(parts),
        articles=articles,
        parties=parties,
        quote=main.source,
        subject=subject_id,
        actions=list(focus or detection.actions),
        obligations=[main.id] + ([extra.id] if extra else []),
        yes_no=yes_no,
        line=_line_id(support_line_for(kb, subject_id, detection.actions)),
    )


def _line_id(line: Optional[SupportLine]) -> Optional[str]:
    return line.id if line else None


def _obligation_sentence(kb: KnowledgeBase, obligation: Obligation, with_condition: bool = True) -> str:
    label = _label(kb, obligation.section)
    statement = obligation.statement.rstrip(". ")
    if obligation.role == "must_not":
        text = f"⚠️ {statement} ({label})"
        if obligation.condition:
            text += f", {obligation.condition}"
        text += "."
        if obligation.advice:
            text += f" Conseil : {obligation.advice}."
        return text
    text = f"{statement} ({label})."
    if with_condition and obligation.condition and normalise(obligation.condition) not in normalise(statement):
        text += f" Condition : {obligation.condition}."
    return text


def _related(kb: KnowledgeBase, ranked, main: Obligation) -> Optional[Obligation]:
    """A second record worth adding when it brings in another party (e.g. who validates or pays)."""
    mentioned = normalise(f"{main.statement} {main.condition} {main.advice}")
    for candidate in ranked[1:3]:
        other = candidate.obligation
        if other.id == main.id or other.parties == main.parties:
            continue
        if candidate.score < ranked[0].score - 4 or not candidate.action_match and ranked[0].action_match:
            continue
        new_parties = [p for p in other.parties if p not in main.parties]
        if not new_parties:
            continue
        if all(normalise(kb.parties[p].short).replace("l ", "").replace("le ", "") in mentioned for p in new_parties):
            continue
        return other
    return None


def _clarify(kb: KnowledgeBase, subject_id: str) -> Answer:
    record = kb.subjects[subject_id]
    labels = [opt.label.lower() if i else opt.label for i, opt in enumerate(record.clarify)]
    if len(labels) > 1:
        question = f"{', '.join(labels[:-1])} ou {labels[-1]}"
    else:
        question = labels[0]
    subject_label = record.label
    text = f"Pour {subject_label}, vous parlez de quoi : {question[0].lower() + question[1:]} ?"
    choices = [Choice(opt.label, opt.subject or subject_id, opt.action) for opt in record.clarify]
    return Answer(kind="clarify", text=text, choices=choices, subject=subject_id)


def line_contact_text(kb: KnowledgeBase, line: SupportLine, now: datetime) -> str:
    """Number, hours, online channel and whether the line is open now, in French."""
    if line.id == "college":
        return "C'est au collège lui-même de s'en charger : la convention ne prévoit pas de ligne d'assistance pour cela."
    if not line.phone:
        text = f"{line.name} : {line.no_phone_note}"
        if line.online:
            text += f" Contact : {line.online}"
        if line.postal:
            text += f" ; courrier : {line.postal}"
        return text + "."
    status = line_open(kb, line.id, now).describe(now)
    text = f"{line.name} : ☎️ {line.phone}, {line.hours_text}."
    if line.online:
        text += f" En ligne : {line.online}."
    return f"{text} {status}"


def _support(kb: KnowledgeBase, subject_id: str, actions: Sequence[str], now: datetime) -> Answer:
    line = support_line_for(kb, subject_id, actions)
    # For "the hotline" itself the line says it all; otherwise first say who is in charge.
    ranked = [] if subject_id == "assistance" else rank_obligations(kb, subject_id, actions, focus_actions=actions)
    parts, articles, parties, quote, obligations = [], [], [], "", []
    if ranked:
        main = ranked[0].obligation
        parts.append(_obligation_sentence(kb, main))
        articles.append(main.section)
        parties.extend(main.parties)
        quote = main.source
        obligations.append(main.id)
    if line is None:
        return _all_lines(kb, now)
    parts.append(line_contact_text(kb, line, now))
    if line.id != "college":
        articles.append(line.section)
        for party in line.parties:
            if party not in parties:
                parties.append(party)
        if not quote:
            quote = line.source
    elif not ranked:
        parties.append("college")
    return Answer(
        kind="support",
        text=" ".join(parts),
        articles=_unique(articles),
        parties=parties,
        quote=line.source if line.phone else quote,
        subject=subject_id,
        actions=list(actions),
        obligations=obligations,
        line=line.id,
    )


def _support_by_party(kb: KnowledgeBase, detection: Detection, now: datetime) -> Answer:
    """"le numéro de l'Académie", "horaires du Département": the line of the party named, else every line."""
    lines = {line.party: line for line in kb.support_lines.values() if line.id != "college"}
    named = [p for p in detection.parties if p in lines and p != "college"]
    if not named:
        return _all_lines(kb, now)
    line = lines[named[0]]
    text = line_contact_text(kb, line, now)
    if line.party == "canope":
        term = next(t for t in kb.terms if "correspondance" in t.subjects)
        text += f" La convention est suivie par l'Atelier Canopé 79 – Niort, 4 rue Camille Desmoulins à Niort ({_label(kb, term.section)})."
    return Answer(kind="support", text=f"{text} ({_label(kb, line.section)})", articles=[line.section],
                  parties=list(line.parties), quote=line.source, subject="assistance", line=line.id)


def _prohibitions(kb: KnowledgeBase) -> Answer:
    """Everything the agreement forbids the collège, each with its exception and what to do instead."""
    rules = [o for o in kb.obligations if o.role == "must_not"]
    lines = ["La convention interdit au collège :"] + [f"• {_obligation_sentence(kb, o)}" for o in rules]
    parties = ["college"] + [p for p in ("departement",) if any("Département" in o.advice for o in rules)]
    return Answer(kind="responsibility", text="\n".join(lines), articles=_unique(o.section for o in rules),
                  parties=parties, quote=rules[0].source if rules else "", obligations=[o.id for o in rules])


def _all_lines(kb: KnowledgeBase, now: datetime) -> Answer:
    lines = [kb.support_lines["departement"], kb.support_lines["academie"]]
    parts = ["Deux lignes d'assistance sont prévues par la convention (article 4) :"]
    for line in lines:
        parts.append(f"• {line_contact_text(kb, line, now)} Pour : {line.scope}.")
    parts.append("• Accompagnement pédagogique et formation : l'Académie (DANE) et Réseau Canopé.")
    return Answer(
        kind="support",
        text="\n".join(parts),
        articles=["article-4"],
        parties=["departement", "academie"],
        quote=lines[0].source,
    )


def _procedure(kb: KnowledgeBase, subject_id: str, actions: Sequence[str]) -> Answer:
    obligations, _ = about_subject(kb, subject_id)
    # The person asking acts for the collège: what the collège itself has to do comes first.
    obligations = sorted(obligations, key=lambda o: "college" not in o.parties)
    if actions:
        ranked = [r.obligation for r in rank_obligations(kb, subject_id, actions, focus_actions=actions)]
        matching = [o for o in ranked if any(a in o.actions for a in actions)]
        obligations = matching + [o for o in obligations if o not in matching]
    if not obligations:
        obligations = [r.obligation for r in rank_obligations(kb, subject_id)]
    chosen = obligations[:4]
    order = {o.id: i for i, o in enumerate(kb.obligations)}
    chosen.sort(key=lambda o: order[o.id])
    record = kb.subjects[subject_id]
    lines = [f"Pour {record.label}, voici ce que prévoit la convention :"]
    for obligation in chosen:
        lines.append(f"• {_obligation_sentence(kb, obligation)}")
    parties: list[str] = []
    for obligation in chosen:
        parties.extend(p for p in obligation.parties if p not in parties)
    return Answer(
        kind="procedure",
        text="\n".join(lines),
        articles=_unique(o.section for o in chosen),
        parties=parties,
        quote=chosen[0].source if chosen else "",
        subject=subject_id,
        actions=list(actions),
        obligations=[o.id for o in chosen],
    )


def _agreement(kb: KnowledgeBase, subject_id: str, detection: Optional[Detection] = None) -> Answer:
    if subject_id == "gouvernance":
        return _governance(kb)
    if subject_id == "parties":
        named = [p for p in (detection.parties if detection else []) if p in kb.parties]
        return _parties(kb, named[0] if len(named) == 1 and not (detection and detection.yes_no) else None)
    _, terms = about_subject(kb, subject_id)
    for parent in subject_chain(kb, subject_id)[1:]:
        if not terms:
            _, terms = about_subject(kb, parent)
    if not terms:
        obligations, _ = about_subject(kb, subject_id)
        if obligations:
            return _procedure(kb, subject_id, ())
        return _agreement_overview(kb)
    term: Term = terms[0]
    return Answer(
        kind="agreement",
        text=_with_article(kb, term.statement, term.section),
        articles=[term.section],
        parties=list(term.parties) if subject_id in ("correspondance", "suivi_convention") else [],
        quote=term.source,
        subject=subject_id,
    )


def _governance(kb: KnowledgeBase) -> Answer:
    bodies = kb.governance
    lines = [
        "La gouvernance du numérique est animée conjointement par l'Académie, les collèges, Réseau Canopé et le "
        "Département (Article 11)."
    ]
    for body in bodies:
        line = f"• {body.name[0].upper() + body.name[1:]} : {body.role}, {body.frequency}."
        if body.members:
            line += " Membres : " + " ; ".join(m.who for m in body.members) + "."
        lines.append(line)
    return Answer(
        kind="agreement",
        text="\n".join(lines),
        articles=[GOVERNANCE_SECTION],
        parties=["academie", "college", "canope", "departement"],
        quote=bodies[0].source if bodies else "",
        subject="gouvernance",
    )


def _parties(kb: KnowledgeBase, party_id: Optional[str] = None) -> Answer:
    term = next(t for t in kb.terms if "parties" in t.subjects)
    if party_id:
        party = kb.parties[party_id]
        return Answer(kind="agreement", subject="parties", articles=[term.section], parties=[party_id],
                      quote=term.source,
                      text=f"{party.name[0].upper() + party.name[1:]} est représenté(e) par {party.representative} ({_label(kb, term.section)}).")
    lines = ["La convention lie quatre parties :"]
    for party in kb.parties.values():
        lines.append(f"• {party.name[0].upper() + party.name[1:]}, représenté(e) par {party.representative}.")
    return Answer(
        kind="agreement",
        text="\n".join(lines),
        articles=[term.section],
        parties=list(kb.parties),
        quote=term.source,
        subject="parties",
    )


def _agreement_overview(kb: KnowledgeBase) -> Answer:
    duration = next(t for t in kb.terms if "duree" in t.subjects)
    text = (
        "La convention cadre de partenariat (2017) répartit l'achat, la maintenance et l'assistance informatique "
        "des collèges publics entre le Département des Deux-Sèvres, l'Académie de Poitiers, Réseau Canopé et les "
        f"collèges. {duration.statement.rstrip('.')} (Article 12). Posez-moi une question précise : durée, "
        "résiliation, gouvernance, qui paie quoi…"
    )
    return Answer(kind="agreement", text=text, articles=["article-12"], quote=duration.source, subject="duree")


def _not_specified(kb: KnowledgeBase, detection: Detection, subject_id: Optional[str] = None) -> Answer:
    topic = next((u for u in kb.uncovered if detection.not_specified and u.id == detection.not_specified[0]), None)
    label = topic.label if topic else kb.subjects[subject_id].label if subject_id else "ce point"
    body = next(b for b in kb.governance if b.id == "instance-concertation")
    text = (
        f"La convention ne précise pas qui prend en charge {label}. Ce type de question se règle dans la "
        f"gouvernance partagée : l'{body.name} valide les sujets à traiter avec les établissements, "
        f"{body.frequency} (Article 11). Parlez-en à votre chef d'établissement, qui peut la saisir."
    )
    return Answer(kind="not_specified", text=text, articles=[GOVERNANCE_SECTION], parties=[], quote=body.source)


def _out_of_scope(kb: KnowledgeBase, detection: Detection) -> Answer:
    topic = next((u for u in kb.uncovered if detection.out_of_scope and u.id == detection.out_of_scope[0]), None)
    text = (
        "Désolé, je ne réponds qu'aux questions sur la convention informatique des collèges des Deux-Sèvres "
        "(qui achète, installe, maintient et dépanne quoi), et celle-ci ne traite pas de "
        f"{topic.label if topic else 'ce sujet'}."
    )
    if topic and topic.contact:
        text += f" Adressez-vous plutôt à {topic.contact}."
    return Answer(kind="out_of_scope", text=text)


def _unknown(kb: KnowledgeBase, detection: Detection) -> Answer:
    text = (
        "Je n'ai pas trouvé de quel équipement ou service vous parlez. Essayez par exemple : « qui installe le "
        "vidéoprojecteur ? », « qui paie les téléphones portables ? » ou « quel numéro pour le réseau ? »."
    )
    return Answer(kind="unknown", text=text)


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


@dataclass(frozen=True)
class Handover:
    """Who to talk to, whether they are reachable now, and a summary ready to paste in their form."""

    text: str
    summary: str
    line: Optional[str]


def human_handover(kb: KnowledgeBase, subject_id: Optional[str], questions: Sequence[str],
                   now: Optional[datetime] = None) -> Handover:
    """The human line for ``subject_id`` (both main lines when unknown) and a conversation summary."""
    now = now or now_paris()
    line = support_line_for(kb, subject_id) if subject_id in kb.subjects else None
    if line is None:
        text = "Voici les personnes à joindre selon le sujet :\n" + "\n".join(
            f"• {line_contact_text(kb, kb.support_lines[i], now)}" for i in ("departement", "academie")
        )
        where = "le formulaire ou l'intranet du service"
    else:
        text = f"Pour {kb.subjects[subject_id].label} : {line_contact_text(kb, line, now)}"
        where = line.online or "votre message"
    lines = [f"Résumé prêt à coller dans {where} :", "---"]
    if subject_id in kb.subjects:
        lines.append(f"Sujet : {kb.subjects[subject_id].label}")
    if questions:
        lines.append("Échange avec l'assistant :")
        lines.extend(f"- {q[:300]}" for q in questions)
    lines.append("---")
    return Handover(text=text, summary="\n".join(lines), line=line.id if line else None)
