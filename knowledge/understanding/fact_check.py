"""A closed question that checks a quantity against the agreement (« le préavis c'est 3 mois ? », « la
convention dure bien 2 ans ? ») gets its « Oui » or « Non » from the record that answers it (issue 11).

The verdict is computed, never a default: the question's quantities (a number with its unit: months, years,
days, weeks, times a year) are compared with the ones the answering record states. The same quantity in
the record gives « Oui » ; another number in the same unit gives « Non » and says both. A unit the record
does not state, or a bound (« au moins une fois par an »), leaves no verdict: the record is stated alone.

Without a quantity, the names the question checks (read from the agreement text: « Niort », « FAVREAU ») are looked
for in the record's statement, a place after « à » is compared with the record's place, and a permission asked (« peut-
elle être modifiée ? ») is confirmed when the record grants it (« par voie d'avenants »). Else no verdict.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from knowledge.answer_types import NOT_FOR_PARTY, Answer
from knowledge.normalise import normalise
from knowledge.query import party_words
from knowledge.records import KnowledgeBase
from knowledge.schedule import MONTH_NAMES
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.understanding.polarity import negative_question, negative_statement
from knowledge.understanding.quantities import quantities, verdict

# Words of a reply that already say a value is missing, and the months that make a date.
SAYS_ABSENT = ("laissee en blanc", "ne precise pas", "ne dit pas")
MONTHS = frozenset(normalise(name) for name in MONTH_NAMES)


def checked(kb: KnowledgeBase, text: str, yes_no: bool, answer: Answer) -> Answer:
    """``answer`` with its computed « Oui » / « Non » when the question checks a quantity, a name or a place
    the record states."""
    # « c'est bien FAVREAU qui… ? », « c'est Merriaux qui a signé ? » check a name although « qui » is open.
    norm = normalise(text)
    named = re.search(r"\bc est ((?:\w+ ){1,5})qui\b", norm)
    checks = bool(lexicon_for(kb).marked("questions", "check", norm.split())) or bool(
        named and set(named.group(1).split()) & names_of(kb))
    if answer.yes_no or answer.kind != "agreement":
        return answer
    signer_named = re.search(r"\bc est ((?:\w+ ){1,8})qui\b", norm)
    signer = signer_named.group(1).split() if signer_named else []
    people = [p for p in lexicon_for(kb).marked("questions", "college_people", signer)
              if f" {p} " not in f" {normalise(answer.text)} "]
    if answer.subject == "signature" and people:
        # « pour le collège de Lezay, c'est l'adjoint gestionnaire qui a signé ? »: the collège is named in the block,
        # the person asked is not (its « Principal(e) » signs).
        lead = f"Non : le bloc de signature ne nomme pas « {as_typed(text, people[0], people[0])} »."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    if not (closed_question(text, yes_no) or checks):
        return answer
    found = _checked(kb, text, norm, answer)
    if found.text.startswith("Oui") and answer.text.startswith(NOT_FOR_PARTY):
        # (« on envoie les courriers à la Maison du Département, à Niort ? »: a place of another party's term
        # confirms nothing of the party asked; it may still deny.)
        return answer
    return found


def _checked(kb: KnowledgeBase, text: str, norm: str, answer: Answer) -> Answer:
    stated_text = f"{answer.text} {answer.quote}"
    if _PAST.search(f" {norm} ") and " peut " in f" {normalise(stated_text)} ":
        # « la convention a-t-elle déjà été modifiée par un avenant ? » asks what happened; « peut être modifiée par
        # voie d'avenants » says only what may happen: no « Oui » from it.
        return answer
    said, differing = verdict(quantities(text), quantities(stated_text))
    if said != "non" and _confirmed(kb, norm, stated_text) and not _contradicted(kb, norm, stated_text):
        # « se prolonge-t-elle d'elle-même sans nouvelle signature ? »: the renewal asked is the one stated.
        return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
    if said != "non" and _contradicted(kb, norm, stated_text):
        # « s'arrête au bout de deux ans ? », « sortir du jour au lendemain ? »: two years, or « à tout moment »,
        # agree, but the record's renewal or notice rules out what is asked.
        said = "oui" if (negative_question(text) or negative_statement(text)) and any("plus" in m.split() for m in lexicon_for(kb).marked(
            "questions", "term_ends", norm.split())) else "non"  # (« n'est plus en vigueur ? »: the denial is « Si »)
        return replace(answer, text=f"{'Si' if said == 'oui' else 'Non'}. {answer.text}", yes_no=said)
    if said is None and _permission_stated(kb, norm, stated_text):
        means = _means_asked(kb, norm)
        stated_means = _means_asked(kb, normalise(stated_text), _STATED_MEANS_WORDS)
        if means is None or (means and stated_means and set(means) <= set(stated_means)):
            return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
        if not means or not stated_means or set(means) & set(stated_means):
            # « par le Département seul ? » asks who, which this does not check; a means the record does not
            # state, or one among others: no verdict.
            return answer
        # « résilier par un simple mail ? » against « par l'envoi d'une lettre recommandée »: another means.
        lead = f"Non : {_means_phrase(stated_text)}, et non {_means_phrase(text)}."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    means, stated_means = _means_asked(kb, norm), _means_asked(kb, normalise(stated_text), _STATED_MEANS_WORDS)
    if said is None and means and stated_means and set(means) <= set(stated_means):
        # « la convention se renouvelle par tacite reconduction ? »: the very means the record states.
        return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
    if said is None:
        return _names_checked(kb, text, answer, stated_text)
    if said == "oui" and means and stated_means and not set(means) & set(stated_means):
        # « renouveler par un nouveau vote tous les deux ans ? »: the term agrees, the means does not.
        said, lead = "non", f"Non : {_means_phrase(stated_text)}, et non {_means_phrase(text)}."
    elif said == "oui":
        lead = "Oui."
    else:
        asked, stated = differing  # type: ignore[misc]  # set with « non »
        lead = f"Non : {stated.shown()}, et non {asked.shown()}."
    return replace(answer, text=f"{lead} {answer.text}", yes_no=said)


# A question on what has happened (« déjà », « y a eu », « a-t-elle été »), not on what the text provides.
# (Not « déjà » alone: « on peut résilier à tout moment, déjà ? » asks to be reminded.)
_PAST = re.compile(r" (?:a deja|ont deja|deja ete|deja eu|y a eu|y a t il eu|a ete|ont ete|a t elle ete|a t il ete"
                   r"|ont elles ete|ont ils ete) ")


# What a question asserts (message_kinds.yml `questions`) that the record's own words rule out.
_CONTRADICTIONS = (("term_ends", "renewal_stated"), ("immediately", "notice_stated"))


def _contradicted(kb: KnowledgeBase, norm: str, stated_text: str) -> bool:
    """Whether the question asserts what the record rules out: the term ending (its renewal stated), or
    leaving at once (its notice stated)."""
    lexicon, stated = lexicon_for(kb), normalise(stated_text).split()
    return any(lexicon.marked("questions", asked, norm.split()) and lexicon.marked("questions", rule, stated)
               for asked, rule in _CONTRADICTIONS)


def _confirmed(kb: KnowledgeBase, norm: str, stated_text: str) -> bool:
    """Whether the question asserts what the record states: its renewal (message_kinds.yml renewal_asked)."""
    lexicon, stated = lexicon_for(kb), normalise(stated_text).split()
    return bool(lexicon.marked("questions", "renewal_asked", norm.split())
                and lexicon.marked("questions", "renewal_stated", stated))


_ALONE = frozenset({"seul", "seule", "seuls", "seules", "unilateralement", "unilateral", "unilaterale"})


def _permission_stated(kb: KnowledgeBase, norm: str, stated_text: str) -> bool:
    """« la convention peut-elle être modifiée ? » answered by « peut être modifiée par voie d'avenants »: a
    permission asked and the record, chosen for the question's topic, granting one. A condition in the question
    (« sans préavis », « sans avenant ») is not checked by this, so it gives no verdict."""
    tokens = norm.split()
    asks = bool(lexicon_for(kb).marked("questions", "may_i", tokens)) or "peut" in tokens
    # « le département peut changer la convention tout seul ? »: the record grants the permission to no party
    # alone (an avenant, a letter to the cocontractants). A party named without « seul » is one of those it grants
    # it to: « le collège peut-il se retirer à tout moment ? » is confirmed.
    alone = bool(set(tokens) & _ALONE)
    return asks and "sans" not in tokens and not alone and " peut etre " in f" {normalise(stated_text)} "


def _means_asked(kb: KnowledgeBase, norm: str, width: int = 8) -> Optional[list[str]]:
    """The stems of the words after « par » (or a verb of sending) that say how (« par un simple mail » → [mail]; « par
    l'envoi d'une lettre recommandée » → [envoi, lettre, recomm]); [] when they name a party (« par le Département »
    says who); None with no « par », or a rate (« par an »)."""
    tokens = norm.split()
    by = next((at for at, t in enumerate(tokens) if t == "par" or t in _SENDING and tokens[at + 1:at + 2]
               and tokens[at + 1] in _SENT_DETERMINERS), None)  # (« envoyer un mail pour résilier ? » says how too)
    if by is None:
        return None
    after = tokens[by + 1:][:width]
    words = [t for t in after if len(t) >= 3 and t not in _MEANS_FILLERS]
    names = {w for w in party_words(kb) if len(w) >= 5}
    if set(after[:1]) & (_RATES | _NOT_MEANS | _ASKING_HOW):
        return None  # (« et par quel moyen ? » asks the means: it claims none)
    if after[:1] == ["qui"]:
        return []  # « par qui ? » asks who
    if not words or words[0] in names:
        return []  # « par le Département seul » says who
    # « par un vote du conseil départemental »: a means, whoever carries it out.
    return [w[:6] for w in words if w not in names]  # stems: « par avenant » meets « par voie d'avenants »


def _means_phrase(text: str) -> str:
    """« par … » as the text writes it, up to the next comma or the end of the clause."""
    found = re.search(r"\bpar\b[^,;:.?!()]*", text)
    sent = re.search(r"\b(?:envoyer|envoie|envoyant|envoy[ée]|adresser)\s+(?:juste\s+|simplement\s+|seulement\s+)?"
                     r"((?:une?|l[ea]|l')\s*[\w-]+(?:\s+(?:simple|recommand[ée]e?))?)", text, re.IGNORECASE)
    if sent and (not found or sent.start() < found.start()):
        return sent.group(1).strip()
    return found.group(0).strip() if found else "par"


# Verbs that send the means asked (« envoyer un mail »), with what may follow them (« envoyer à … » says to whom).
_SENDING, _SENT_DETERMINERS = frozenset({"envoyer", "envoie", "envoyant", "envoye", "adresser", "adresse"}), frozenset(
    {"un", "une", "le", "la", "l", "juste", "simplement", "seulement"})
# The record's own means is read further (« par l'envoi d'une lettre recommandée avec accusé de réception »).
_STATED_MEANS_WORDS = 12
# « par exemple », « par contre », « par rapport à »: no means.
_NOT_MEANS = {"exemple", "ex", "contre", "ailleurs", "rapport", "consequent", "suite", "hasard", "defaut", "ici"}
# Determiners and words that say nothing of the means (« par un simple mail »).
_MEANS_FILLERS = {"simple", "seul", "seule", "petit", "petite", "une", "des", "les", "mon", "mes", "son", "ses",
                  "notre", "nos", "votre", "vos", "leur", "leurs", "cette", "ces", "oui", "non", "pas"}
_RATES = {"an", "annee", "mois", "semaine", "jour", "salle", "college", "poste", "eleve", "fois"}
_ASKING_HOW = {"quel", "quelle", "quels", "quelles", "quoi", "lequel", "laquelle", "lesquels", "lesquelles", "ou"}


@lru_cache(maxsize=4)
def names_of(kb: KnowledgeBase) -> frozenset[str]:
    """The names the agreement's text gives (people, places, streets: « Niort », « Denfert Rochereau »): its
    words written with a capital inside a sentence and never in lower case, minus the parties' one-word names
    (a party asked about is the verdict's business) and the titles of message_kinds.yml ``not_names``."""
    text = kb.agreement_text
    lower = {normalise(w) for w in re.findall(r"\b[a-zàâçéèêëîïôûùüÿœ][\w'-]*", text)}
    names = {word for match in re.finditer(r"(?<=[\w,'’(] )([A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŸ][\w-]{2,})", text)
             for word in normalise(match.group(1)).split() if len(word) >= 3 and word not in lower}
    party_words = {normalise(a) for party in kb.parties.values() for a in party.aliases if " " not in normalise(a)}
    return frozenset(names - party_words - set(lexicon_for(kb).markers["questions"].get("not_names", ())))


def _names_checked(kb: KnowledgeBase, text: str, answer: Answer, stated_text: str) -> Answer:
    """« signée à Niort ? », « le siège c'est bien place Denfert Rochereau ? »: every name (or year) the
    question checks is in the record → « Oui » ; a place after « à » that the record gives as another place →
    « Non ». A record that says it leaves a point open confirms no name or year."""
    tokens = normalise(text).split()
    stated = normalise(stated_text)
    stated_tokens = stated.split()
    names = names_of(kb)
    places = _places(tokens, names)
    stated_places = _places(stated_tokens, names)
    if places and stated_places:
        # The record says where (« faite à Niort »): the place asked is compared with that place only, not with
        # every town the record mentions (« les académies de Bordeaux, Limoges et Poitiers »).
        wrong = next((p for p in places if p not in stated_places), None)
        others = [t for t in tokens if t in names and t not in places]
        if wrong is None and all(t in _main_tokens(answer.text) for t in others):
            return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
        if wrong is None:
            return answer  # « signée à Niort par FAVREAU ? »: the place agrees, the signatory is not checked
        stated_place = as_typed(stated_text, stated_places[0], stated_places[0].capitalize())
        lead = f"Non : à {stated_place}, et non à {as_typed(text, wrong, wrong.capitalize())}."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    if any(marker in stated for marker in SAYS_ABSENT):
        return answer
    months, stated_months = [t for t in tokens if t in MONTHS], [t for t in stated_tokens if t in MONTHS]
    if months and not set(months) <= set(stated_months):
        # « entrée en vigueur en septembre 2017 ? » against « à compter du 1er janvier 2017 »: the year agrees, the
        # month does not; a record with no month confirms none.
        if not stated_months:
            return answer
        lead = f"Non : en {stated_months[0]}, et non en {next(m for m in months if m not in stated_months)}."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    days, stated_days = _dates(" ".join(tokens)), _dates(stated)
    if days and stated_days and not set(days) & set(stated_days):
        # « entre en vigueur le 23 janvier 2017 ? » against « à compter du 1er janvier 2017 »: same month, not the day.
        lead = f"Non : le {stated_days[0]}, et non le {days[0]}."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    checked_words = [t for t in tokens if t in names or re.fullmatch(r"(?:19|20)\d\d", t)]
    if _STILL & set(tokens):
        # « la convention de 2017 est toujours valable aujourd'hui ? »: the year names the agreement; whether it still
        # runs is not what its record states (renewal by tacit reconduction, a termination possible at any time).
        return answer
    if any(_year_bound(tokens, i) for i, t in enumerate(tokens) if re.fullmatch(r"(?:19|20)\d\d", t)):
        # « une convention avant celle de 2017 ? » asks about another time: the record's 2017 confirms nothing.
        return answer
    # The record's own statement, without its asides (« (l'en-tête nomme le Président, M. Gilbert FAVREAU) » says
    # who the header names, not who signs).
    titled = _titled_name(kb, tokens, re.sub(r"\([^)]*\)", " ", answer.text), names)
    if titled is not None:
        # « le directeur général de Canopé, c'est bien M. Fauquembergue ? »: the name the text writes next to that
        # title, not any name of the paragraph (there: M. Merriaux; M. Fauquembergue signs by delegation).
        stated_name, asked_names = titled
        if set(asked_names) & set(stated_name.split()):
            return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
        lead = f"Non : {as_typed(stated_text, stated_name, stated_name.title())}, d'après le texte."
        return replace(answer, text=f"{lead} {answer.text}", yes_no="non")
    if checked_words and all(word in _main_tokens(answer.text) for word in checked_words) \
            and not _act_unsaid(tokens, normalise(answer.text)):
        return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
    return answer


# What a date or a name is checked for (« délibéré le 2 avril 2015 pour autoriser la signature ? »): a record with the
# same date but another act (the 2015 delegation to the Commission permanente) confirms nothing.
_ACT_STEMS = ("habilit", "autoris", "sign")


def _act_unsaid(tokens: list[str], said: str) -> bool:
    """Whether the question names an act (authorising, signing) that the record's words do not."""
    return any(any(t.startswith(stem) for t in tokens) and stem not in said for stem in _ACT_STEMS)


def _dates(words: str) -> list[str]:
    """The day-and-month dates in normalised ``words`` (« 1er janvier », « 23 janvier »), as written."""
    return [f"{day} {month}" for day, month in re.findall(r"\b(1er|\d{1,2}) (\w+)", words) if month in MONTHS]


_STILL = frozenset({"toujours", "encore", "aujourd", "actuellement", "maintenant", "vigueur", "valable", "valide"})
_TIME_BOUNDS = {"avant", "apres", "jusqu", "jusque", "anterieure", "anterieur", "precedente"}


def _year_bound(tokens: list[str], index: int) -> bool:
    """The year at ``index`` bounds a time (« avant celle de 2017 », « après 2017 ») instead of stating one."""
    return bool(_TIME_BOUNDS & set(tokens[max(0, index - 3):index]))


def _titled_name(kb: KnowledgeBase, tokens: list[str], stated_text: str,
                 names: frozenset[str]) -> Optional[tuple[str, list[str]]]:
    """The name the record writes next to the title the question checks, with the names asked; None when the
    question checks no title with a name, or the record has no name beside that title.

    The name is the run of capitalised words nearest the title, before or after it (« son Directeur général,
    M. Jean-Marc MERRIAUX », « M. Frank FAUQUEMBERGUE, Directeur territorial »)."""
    asked = [t for t in tokens if t in names]
    titles = sorted(lexicon_for(kb).marked("questions", "role_titles", tokens), key=len, reverse=True)
    if not asked or not titles:
        return None
    stated = normalise(stated_text).split()
    positions = phrase_positions(stated, titles[0])
    if not positions:
        return None
    size = len(titles[0].split())
    best: Optional[tuple[int, int]] = None
    for start in positions:
        for i, token in enumerate(stated):
            if token in names and not start <= i < start + size:
                distance = start - i if i < start else i - (start + size - 1)
                if best is None or distance < best[0]:
                    best = (distance, i)
    if best is None or best[0] > 4:
        return None
    first = last = best[1]
    while first > 0 and stated[first - 1] in names:
        first -= 1
    while last + 1 < len(stated) and stated[last + 1] in names:
        last += 1
    return " ".join(stated[first:last + 1]), asked


def _main_tokens(text: str) -> list[str]:
    """The words of the record's own statement, without its asides: « le bloc de signature nomme Rose-Marie
    NIETO… (l'en-tête nomme le Président, M. Gilbert FAVREAU) » does not confirm that FAVREAU signed."""
    return normalise(re.sub(r"\([^)]*\)", " ", text)).split()


def places_asked(kb: KnowledgeBase, text: str) -> list[str]:
    """The places a message names after « à » (« signée à Poitiers ? »), normalised."""
    return _places(normalise(text).split(), names_of(kb))


def _places(tokens: list[str], names: frozenset[str]) -> list[str]:
    return [tokens[i + 1] for i in range(len(tokens) - 1) if tokens[i] == "a" and tokens[i + 1] in names]


def as_typed(text: str, phrase: str, default: str = "") -> str:
    """``phrase`` (normalised) as the text writes it (« Niort », « congés »), else ``default`` or the phrase."""
    spans = [m.span() for m in re.finditer(r"[\w-]+", text)]
    # A hyphenated word is one span but several normalised words (« Jean-Marc »): fewer spans may hold the phrase.
    for size in range(len(phrase.split()), 0, -1):
        found = next((text[spans[i][0]:spans[i + size - 1][1]] for i in range(len(spans) - size + 1)
                      if normalise(text[spans[i][0]:spans[i + size - 1][1]]) == phrase), None)
        if found:
            return found
    return default or phrase
