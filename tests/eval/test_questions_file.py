"""Checks of the evaluation set itself and unit tests of the scoring (no bot needed)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.eval import model, reporting, run_eval, scoring
from tests.eval.model import CATEGORIES, PARTIES, ROLES, SECTIONS, Item, item_from_dict, load_items
from tests.eval.reporting import percentile
from tests.eval.scoring import parse_messages, score_item

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
AGREEMENT = ROOT / "knowledge" / "data" / "convention-cadre-deux-sevres-2017.txt"
SHARED_AGREEMENT = Path("/work/shared/convention/convention-cadre-deux-sevres-2017.txt")
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")

# Minimum sizes per category from the brief (aim values, rounded down a little for slack).
MINIMUM_PER_CATEGORY = {
    "support": 30, "procedure": 30, "convention": 30, "interdiction": 15, "suivi": 15,
    "clarification": 8, "hors_champ": 12, "non_precise": 8, "smalltalk": 10,
}


@pytest.fixture(scope="module")
def raw_items() -> list[dict]:
    return yaml.safe_load(model.QUESTIONS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load_items()


def _plain(text: str) -> str:
    """Lower case, no accents, no punctuation: two wordings that differ only by these are the same sentence."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _nlu_sentences() -> dict[str, str]:
    """Every example line of every data/nlu file (annotations removed), normalised, with its file name."""
    sentences: dict[str, str] = {}
    for path in sorted(NLU_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    sentences.setdefault(_plain(ANNOTATION.sub(r"\1", line[2:])), path.name)
    return sentences


# ------------------------------------------------------------------------------------ the question file
def test_file_parses_into_enough_items(raw_items, items):
    assert isinstance(raw_items, list)
    assert len(items) == len(raw_items) >= 250


def test_ids_are_unique(items):
    duplicates = [i for i, n in Counter(item.id for item in items).items() if n > 1]
    assert duplicates == []


def test_categories_roles_sections_and_parties_are_known(items):
    for item in items:
        expect = item.expect
        assert item.category in CATEGORIES, item.id
        assert item.role in ROLES, item.id
        for section in (expect.articles or ()) + (expect.articles_any or ()):
            assert section in SECTIONS, f"{item.id}: {section}"
        for party in expect.parties or ():
            assert party in PARTIES, f"{item.id}: {party}"
        assert expect.yes_no in (None, "oui", "non"), item.id


def test_every_item_says_what_it_expects(raw_items):
    for raw in raw_items:
        expect = raw["expect"]
        assert set(expect) <= {"articles", "articles_any", "parties", "facts", "yes_no", "clarify"}, raw["id"]
        assert "articles" in expect or "articles_any" in expect, f"{raw['id']}: no section expectation"


def test_every_category_is_represented_with_its_minimum(items):
    counts = Counter(item.category for item in items)
    for category, minimum in MINIMUM_PER_CATEGORY.items():
        assert counts[category] >= minimum, f"{category}: {counts[category]} < {minimum}"
    assert counts["responsabilite"] + counts["oui_non"] >= 100
    assert counts["oui_non"] >= 20
    assert set(Counter(item.role for item in items)) == set(ROLES)


def test_every_section_of_the_agreement_is_covered(items):
    covered = {s for item in items for s in (item.expect.articles or ()) + (item.expect.articles_any or ())}
    assert set(SECTIONS) - covered == set()


def test_category_specific_shapes(items):
    for item in items:
        expect = item.expect
        if item.category == "suivi":
            assert len(item.turns) >= 2, item.id
        else:
            assert len(item.turns) == 1, item.id
        if item.category == "oui_non":
            assert expect.yes_no in ("oui", "non"), item.id
        if item.category == "clarification":
            assert expect.clarify is True, item.id
        if item.category in ("hors_champ", "smalltalk"):
            assert expect.articles == () and expect.parties == (), item.id
        if item.category == "non_precise":
            assert expect.articles == ("article-11",) and expect.parties == (), item.id


def test_phone_numbers_and_hours_are_those_of_the_agreement(items):
    text = _plain((SHARED_AGREEMENT if SHARED_AGREEMENT.exists() else AGREEMENT).read_text(encoding="utf-8"))
    support_items = [item for item in items if scoring.is_support_item(item)]
    assert len(support_items) >= 15
    for item in support_items:
        for fact in item.expect.facts:
            for number in scoring.PHONE_RE.findall(fact):
                assert _plain(number) in text, f"{item.id}: {number} is not in the agreement"


def test_no_question_is_copied_into_the_training_data(items):
    sentences = _nlu_sentences()
    assert sentences, "data/nlu has no examples to compare with"
    copied = [(item.id, turn, sentences[_plain(turn)]) for item in items for turn in item.turns
              if _plain(turn) in sentences]
    assert copied == []


# -------------------------------------------------------------------------------------------- scoring
VP_ITEM = item_from_dict({
    "id": "t-1", "category": "responsabilite", "role": "enseignant", "turns": ["qui installe le vidéoprojecteur ?"],
    "expect": {"articles": ["article-5"], "parties": ["college"], "facts": ["installation physique"]},
})
YES_NO_ITEM = item_from_dict({
    "id": "t-2", "category": "oui_non", "role": "principal", "turns": ["le collège peut-il modifier le réseau ?"],
    "expect": {"articles": ["article-2"], "parties": ["college"], "yes_no": "non"},
})
CLARIFY_ITEM = item_from_dict({
    "id": "t-3", "category": "clarification", "role": "enseignant", "turns": ["vidéoprojecteur ?"],
    "expect": {"articles": [], "parties": [], "clarify": True},
})
SUPPORT_ITEM = item_from_dict({
    "id": "t-4", "category": "support", "role": "rupn", "turns": ["numéro du département ?"],
    "expect": {"articles": ["article-4"], "parties": ["departement"], "facts": ["05.49.06.63.60", "8 h 30"]},
})


def _reply(text: str, articles=(), parties=(), buttons=None) -> list[dict]:
    messages = [{"recipient_id": "x", "text": text, **({"buttons": buttons} if buttons else {})}]
    if articles or parties:
        messages.append({"recipient_id": "x", "custom": {"type": "citation", "articles": list(articles),
                                                          "parties": list(parties), "quote": "…"}})
    return messages


FEEDBACK = [{"title": "👍", "payload": '/feedback{"value": "up"}'},
            {"title": "👎", "payload": '/feedback{"value": "down"}'}]
CHOICES = [{"title": "L'achat", "payload": '/ask_responsibility{"action": "acheter"}'},
           {"title": "L'installation", "payload": '/ask_responsibility{"action": "installer"}'},
           {"title": "Une panne", "payload": '/ask_responsibility{"action": "reparer"}'}]
VP_TEXT = ("Pour les vidéoprojecteurs, le collège a la charge de l'INSTALLATION\u00a0PHYSIQUE (Article 5), "
           "avec au préalable une validation technique du Département.")


def test_correct_reply_scores_true():
    result = score_item(VP_ITEM, _reply(VP_TEXT, ["article-5"], ["college", "departement"], FEEDBACK))
    assert result.correct, result.failures
    assert result.failures == []
    assert result.got["articles"] == ["article-5"]


def test_wrong_party_scores_false():
    result = score_item(VP_ITEM, _reply(VP_TEXT, ["article-5"], ["departement"]))
    assert not result.correct
    assert any("parties manquantes" in f and "college" in f for f in result.failures)


def test_missing_article_scores_false():
    result = score_item(VP_ITEM, _reply(VP_TEXT, ["article-4"], ["college"]))
    assert not result.correct
    assert any("article-5" in f for f in result.failures)


def test_missing_fact_scores_false():
    result = score_item(VP_ITEM, _reply("Le collège s'en charge (Article 5).", ["article-5"], ["college"]))
    assert not result.correct
    assert any("installation physique" in f for f in result.failures)


def test_yes_no_prefix_is_checked():
    good = score_item(YES_NO_ITEM, _reply("⚠️ Non. Le collège ne doit réaliser aucune modification.",
                                          ["article-2"], ["college"]))
    assert good.correct, good.failures
    wrong = score_item(YES_NO_ITEM, _reply("Oui. Le collège ne doit réaliser aucune modification.",
                                           ["article-2"], ["college"]))
    assert not wrong.correct
    # "Nonobstant" starts with the letters of "non" but is not a no.
    tricky = score_item(YES_NO_ITEM, _reply("Nonobstant le texte…", ["article-2"], ["college"]))
    assert not tricky.correct


def test_clarification_needs_choice_buttons():
    asked = score_item(CLARIFY_ITEM, _reply("Vous parlez de quoi : l'achat, l'installation ou une panne ?",
                                            buttons=CHOICES))
    assert asked.correct, asked.failures
    no_buttons = score_item(CLARIFY_ITEM, _reply("Vous parlez de quoi : l'achat, l'installation ou une panne ?"))
    assert not no_buttons.correct
    # Rating buttons under an answer are not a clarifying question.
    rated = score_item(CLARIFY_ITEM, _reply("Le collège installe le vidéoprojecteur.", buttons=FEEDBACK))
    assert not rated.correct


def test_empty_expectations_forbid_citations():
    item = item_from_dict({"id": "t-5", "category": "hors_champ", "role": "enseignant", "turns": ["cantine ?"],
                           "expect": {"articles": [], "parties": []}})
    assert score_item(item, _reply("Désolé, je ne réponds qu'aux questions sur la convention.")).correct
    cited = score_item(item, _reply("Le Département…", ["preambule"], ["departement"]))
    assert not cited.correct
    assert len(cited.failures) == 2


def test_articles_any_needs_one_of_them():
    item = item_from_dict({"id": "t-6", "category": "responsabilite", "role": "rupn", "turns": ["câblage ?"],
                           "expect": {"articles_any": ["article-2", "repartition"], "parties": ["departement"]}})
    assert score_item(item, _reply("Le Département.", ["repartition"], ["departement"])).correct
    assert not score_item(item, _reply("Le Département.", ["article-3"], ["departement"])).correct


def test_empty_reply_scores_false():
    assert not score_item(VP_ITEM, []).correct
    smalltalk = item_from_dict({"id": "t-7", "category": "smalltalk", "role": "rupn", "turns": ["salut"],
                                "expect": {"articles": [], "parties": []}})
    assert not score_item(smalltalk, []).correct


def test_support_items_are_recognised_and_spaces_normalised():
    assert scoring.is_support_item(SUPPORT_ITEM)
    assert not scoring.is_support_item(VP_ITEM)
    text = "Assistance du Département : ☎️ 05.49.06.63.60, du lundi au vendredi de 8\u202fh\u00a030 à 12 h 30."
    assert score_item(SUPPORT_ITEM, _reply(text, ["article-4"], ["departement"])).correct


def test_parse_messages_merges_texts_buttons_and_citations():
    reply = parse_messages([
        {"text": "Première phrase."},
        {"text": "Seconde.", "buttons": FEEDBACK},
        {"custom": {"articles": ["article-1"], "parties": ["college"], "quote": "q1"}},
        {"custom": {"articles": ["article-1", "article-4"], "parties": ["departement"], "quote": "q2"}},
        {"image": "ignored"},
    ])
    assert reply.text == "Première phrase.\nSeconde."
    assert reply.articles == ["article-1", "article-4"]
    assert reply.parties == ["college", "departement"]
    assert reply.quotes == ["q1", "q2"]
    assert reply.choice_buttons == []


def test_percentile_and_summary():
    assert percentile([], 50) == 0.0
    assert percentile([10, 20, 30, 40], 50) == 20
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile(list(range(1, 101)), 99) == 99
    ok = score_item(SUPPORT_ITEM, _reply("05.49.06.63.60 8 h 30", ["article-4"], ["departement"]))
    ok.latencies_ms = [100.0]
    bad = score_item(VP_ITEM, [])
    bad.latencies_ms = [300.0]
    summary = reporting.summarise([ok, bad])
    assert (summary.items, summary.overall, summary.support_items, summary.support) == (2, 0.5, 1, 1.0)
    assert summary.p99_ms == 300.0
    assert not summary.passed()


def test_malformed_items_are_rejected():
    with pytest.raises(ValueError):
        item_from_dict({"id": "x", "category": "support", "role": "rupn", "turns": [], "expect": {}})
    with pytest.raises(ValueError):
        item_from_dict({"id": "x", "category": "support", "role": "rupn", "turns": "pas une liste", "expect": {}})
    with pytest.raises(ValueError):
        item_from_dict({"id": "x", "category": "support", "turns": ["q"], "expect": {}})


def test_unreachable_server_exits_2(capsys):
    # Port 9 (discard) is closed on loopback: nothing listens there.
    code = run_eval.main(["--url", "http://127.0.0.1:9", "--only", "smalltalk"])
    assert code == 2
    assert "ne répond pas" in capsys.readouterr().err
