"""How one reply is scored: the facts an item expects, then one of five honest verdicts (:func:`classify`)."""

import re
import unicodedata
from dataclasses import asdict
from typing import Any, Iterable, Optional, Sequence

from tests.eval.model import CLARIFIED, DECLINED, MISSED, OPENING_ALIASES, RIGHT, WRONG, Item, ItemResult, Reply

# How a "declined" or "silent" reply is recognised: one of these markers in the text (compared after
# `normalise`, so without accents). They come from the bot's own sentences: knowledge/answers.py
# `_not_specified` ("La convention ne précise pas qui prend en charge …") and `_out_of_scope` ("Désolé, je
# ne réponds qu'aux questions sur la convention … celle-ci ne traite pas de …"), plus a few plain wordings
# a future phrasing may use. tests/eval/test_outcome_scoring.py checks the bot's sentences still contain
# one. The citation payload's `kind` ("not_specified" / "out_of_scope") is accepted as well.
DECLINE_MARKERS = (
    "ne precise pas", "ne le precise pas", "ne dit pas", "n'en dit rien", "ne traite pas", "ne couvre pas",
    "hors du champ", "hors champ", "pas couvert", "ne reponds qu'aux questions", "ne mentionne pas",
    "n'est pas renseigne", "laissee en blanc", "laisse en blanc",
)
DECLINE_KINDS = ("not_specified", "out_of_scope")
# How the start of the incident form is recognised: the form's first questions (actions/prompts.py
# QUESTIONS and the category question of actions/incidents.py), normalised.
FORM_START_MARKERS = (
    "pour quel college ?", "de quel type d'incident s'agit-il", "decrivez le probleme en une ou deux phrases",
    # since 2026-12-01 a declaration opens with one announcement line (helpdesk.incidents.announcement_text)
    "je prepare la declaration d'un incident", "je prepare un signalement",
)

# A phone number as the agreement writes it, or an hour such as "8 h", "8 h 30", "17 h 30".
PHONE_RE = re.compile(r"\b\d{2}\.\d{2}\.\d{2}\.\d{2}\.\d{2}\b")
HOUR_RE = re.compile(r"\b\d{1,2} h(?: \d{2})?\b")


# ------------------------------------------------------------------------------------------- scoring
def normalise(text: str) -> str:
    """Lower case, no accents, plain spaces and apostrophes: how facts and answers are compared."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    # NFKD already turns NBSP/narrow NBSP into spaces; other exotic spaces are caught here.
    text = re.sub(r"\s+", " ", text)
    return text.lower().strip()


def parse_messages(messages: Iterable[dict[str, Any]]) -> Reply:
    """Flatten the REST channel's list of bot messages into one :class:`Reply`."""
    reply = Reply()
    texts: list[str] = []
    for message in messages or []:
        if not isinstance(message, dict):
            continue
        if message.get("text"):
            texts.append(str(message["text"]))
        for button in message.get("buttons") or []:
            if isinstance(button, dict):
                reply.buttons.append(button)
        custom = message.get("custom")
        if isinstance(custom, dict):
            for article in custom.get("articles") or []:
                for cited in (article, *OPENING_ALIASES.get(article, ())):
                    if cited not in reply.articles:
                        reply.articles.append(cited)
            for party in custom.get("parties") or []:
                if party not in reply.parties:
                    reply.parties.append(party)
            if custom.get("quote"):
                reply.quotes.append(str(custom["quote"]))
            if custom.get("kind"):
                reply.kinds.append(str(custom["kind"]))
    reply.text = "\n".join(texts)
    return reply


# « Si. », « Si : » opens the answer « yes » to a question asked in the negative (« on ne peut pas … ? »): it is
# the French « oui » there, and is scored as one. « Si vous … » (a condition) is not.
_SI_LEAD = re.compile(r"^\W*si\s?[.:,]")


def _starts_with(text: str) -> str:
    """The first word of an answer, ignoring emoji and punctuation before it (« Si » as a lead counts as « oui »)."""
    norm = normalise(text)
    if _SI_LEAD.match(norm):
        return "oui"
    match = re.search(r"[a-z0-9]+", norm)
    return match.group(0) if match else ""


def is_support_item(item: Item) -> bool:
    """True for items whose facts hold a phone number or opening hours (they must all be right)."""
    return any(PHONE_RE.search(f) or HOUR_RE.search(normalise(f)) for f in item.expect.facts)


def _cited_failures(expected: Optional[tuple[str, ...]], cited: set[str], messages: tuple[str, str]) -> list[str]:
    """What is wrong with the articles (or parties) a reply cites: ``None`` checks nothing, ``()`` wants none
    cited, otherwise every expected one must be cited. ``messages``: the two failure labels, none then missing."""
    if expected is None:
        return []
    failures = [f"{messages[0]} : {sorted(cited)}"] if not expected and cited else []
    missing = [e for e in expected if e not in cited]
    return failures + ([f"{messages[1]} : {missing}"] if missing else [])


def score_item(item: Item, replies: Sequence[dict[str, Any]] | Reply) -> ItemResult:
    """Score the bot messages of the last turn of ``item`` against its expectation.

    Correct when: expected articles are all cited (none cited when ``[]``), at least one of
    ``articles_any`` is cited, expected parties are all cited (none when ``[]``), every fact is found in
    the text (accent, case and space insensitive), the yes/no prefix is right and, when a clarification is
    expected, the bot offers choice buttons.
    """
    reply = replies if isinstance(replies, Reply) else parse_messages(replies)
    expect = item.expect
    failures: list[str] = []
    cited_articles, cited_parties = set(reply.articles), set(reply.parties)

    failures += _cited_failures(expect.articles, cited_articles, ("aucun article attendu, cités", "articles manquants"))
    if expect.articles_any and not cited_articles & set(expect.articles_any):
        failures.append(f"aucun des articles {list(expect.articles_any)} n'est cité")
    failures += _cited_failures(expect.parties, cited_parties, ("aucune partie attendue, citées", "parties manquantes"))
    text = normalise(reply.text)
    missing_facts = [f for f in expect.facts if normalise(f) not in text]
    if missing_facts:
        failures.append(f"faits absents du texte : {missing_facts}")
    if expect.yes_no:
        first = _starts_with(reply.text)
        if first != expect.yes_no:
            failures.append(f"devait commencer par {expect.yes_no.capitalize()}, commence par {first!r}")
    if expect.clarify is True and len(reply.choice_buttons) < 2:
        failures.append("une question de clarification avec boutons était attendue")
    if expect.clarify is False and reply.choice_buttons:
        failures.append("pas de clarification attendue, des boutons de choix ont été proposés")
    if not reply.text.strip() and not failures:
        failures.append("réponse vide")

    verdict, reasons = classify(item, reply, correct=not failures)
    return ItemResult(
        id=item.id,
        category=item.category,
        role=item.role,
        question=item.turns[-1],
        correct=not failures,
        failures=failures,
        expected={k: v for k, v in asdict(expect).items() if v not in (None, ())},
        got={
            "text": reply.text,
            "articles": reply.articles,
            "parties": reply.parties,
            "buttons": [b.get("title", "") for b in reply.buttons],
        },
        support=is_support_item(item),
        outcome=item.expected_outcome,
        klass=item.klass,
        verdict=verdict,
        verdict_reasons=reasons,
    )


# ------------------------------------------------------------------------------------------- verdicts
def is_declined(reply: Reply) -> bool:
    """The bot said the agreement does not cover / does not say (see DECLINE_MARKERS)."""
    text = normalise(reply.text)
    return any(marker in text for marker in DECLINE_MARKERS) or any(k in DECLINE_KINDS for k in reply.kinds)


def is_form_start(reply: Reply) -> bool:
    """The bot asked one of the incident form's first questions."""
    text = normalise(reply.text)
    return any(marker in text for marker in FORM_START_MARKERS)


def is_clarification(reply: Reply) -> bool:
    """A question back with at least two choice buttons (rating buttons do not count)."""
    return len(reply.choice_buttons) >= 2 and not is_form_start(reply)


def yes_no_of(reply: Reply) -> Optional[str]:
    """"oui" or "non" when the reply opens with it, else None."""
    first = _starts_with(reply.text)
    return first if first in ("oui", "non") else None


def classify(item: Item, reply: Reply, *, correct: Optional[bool] = None,
             reading_offered: Optional[bool] = None) -> tuple[str, list[str]]:
    """The honest verdict on ``reply`` and why: right, clarified, declined, confidently wrong or missed.

    * right: an ``answer`` item scored correct by :func:`score_item` (``correct``; computed when None).
    * clarified: a ``clarify`` item answered with ≥2 choice buttons; or an ``answer`` item answered with
      choice buttons one of which leads to the right answer (``reading_offered``: the runner follows every
      button to find out; None, when nobody looked, gives the benefit of the doubt).
    * declined: a ``decline``/``silent`` item where the bot says the agreement does not cover or does not
      say (:func:`is_declined`) and names no party.
    * confidently wrong: an incident form started on a non-incident (or on any decline/silent/clarify
      item); a Oui/Non contradicting the expected one; on an answer, parties named none of which is
      expected, or articles cited none of which is expected; on a decline/silent item, a party named as
      responsible, or a bare Oui/Non without saying the text does not cover it.
    * missed: anything else (fallback, an answer to another question, a partial answer…).
    """
    expected = item.expected_outcome
    expect = item.expect
    cited_parties, cited_articles = set(reply.parties), set(reply.articles)
    said = yes_no_of(reply)
    if is_form_start(reply) and not (item.incident and expected == "answer"):
        return WRONG, ["formulaire d'incident lancé sur un message qui n'est pas un incident à déclarer"]

    if expected == "clarify":
        if is_clarification(reply):
            return CLARIFIED, []
        return MISSED, ["une question en retour avec au moins deux choix était attendue"]

    if expected in ("decline", "silent"):
        if cited_parties:
            return WRONG, [f"partie(s) désignée(s) alors que la convention ne le dit pas : {sorted(cited_parties)}"]
        declined = is_declined(reply)
        if said and not declined:
            return WRONG, [f"« {said.capitalize()} » affirmé sur un point que la convention ne tranche pas"]
        if declined:
            return DECLINED, []
        return MISSED, ["la réponse ne dit pas que la convention ne couvre pas / ne précise pas ce point"]

    # expected == "answer"
    if item.incident and is_form_start(reply):
        return RIGHT, []
    if expect.yes_no and said and said != expect.yes_no:
        return WRONG, [f"répond « {said.capitalize()} », la convention dit « {expect.yes_no.capitalize()} »"]
    if correct is None:
        correct = score_item(item, reply).correct
    if correct:
        return RIGHT, []
    if is_clarification(reply):
        if reading_offered is False:
            return MISSED, ["question en retour dont aucun choix ne mène à la bonne réponse"]
        return CLARIFIED, []
    reasons = []
    if expect.parties and cited_parties and not cited_parties & set(expect.parties):
        reasons.append(f"partie(s) {sorted(cited_parties)} au lieu de {list(expect.parties)}")
    expected_articles = set(expect.articles or ()) | set(expect.articles_any or ())
    if expected_articles and cited_articles and not cited_articles & expected_articles:
        reasons.append(f"article(s) {sorted(cited_articles)} au lieu de {sorted(expected_articles)}")
    if expect.parties == () and cited_parties:
        reasons.append(f"aucune partie attendue, citées : {sorted(cited_parties)}")
    if reasons:
        return WRONG, reasons
    return MISSED, ["réponse incomplète ou sans rapport (voir les échecs de score_item)"]
