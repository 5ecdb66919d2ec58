"""Unit tests of the five honest verdicts of run_eval (right, clarified, declined, confidently wrong, missed).

Hand-made replies, no server. The last tests check that the markers run_eval recognises are still the
sentences the bot actually sends (knowledge/answers.py, actions/prompts.py, actions/incidents.py).
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.eval import model, reporting, run_eval, scoring
from tests.eval.model import CLARIFIED, DECLINED, MISSED, RIGHT, WRONG, Reply, item_from_dict, load_items
from tests.eval.reporting import summarise_outcomes
from tests.eval.scoring import classify, normalise, score_item

ROOT = Path(__file__).resolve().parents[2]
FEEDBACK = [{"title": "👍", "payload": '/feedback{"value": "up"}'},
            {"title": "👎", "payload": '/feedback{"value": "down"}'}]
CHOICES = [{"title": "Les téléphones fixes", "payload": '/ask_responsibility{"subject": "telephone_fixe"}'},
           {"title": "Les téléphones portables", "payload": '/ask_responsibility{"subject": "telephone_mobile"}'}]
FORM_START = "Pour quel collège ? Donnez son nom ou son code UAI (079 suivi de 4 chiffres et d'une lettre)."
NOT_SPECIFIED = ("La convention ne précise pas qui prend en charge les consommables (cartouches, toner, papier). "
                 "Ce type de question se règle dans la gouvernance partagée (Article 11).")
OUT_OF_SCOPE = ("Désolé, je ne réponds qu'aux questions sur la convention informatique des collèges des Deux-Sèvres "
                "(qui achète, installe, maintient et dépanne quoi), et celle-ci ne traite pas de ce sujet.")


def _item(outcome, expect, category="responsabilite", incident=False, **extra):
    raw = {"id": "u-1", "category": category, "role": "rupn", "turns": ["q"], "expect": expect,
           "outcome": outcome, "class": 0, **extra}
    if incident:
        raw["incident"] = True
    return item_from_dict(raw)


MOBILE = _item("answer", {"articles": ["article-1"], "parties": ["college"], "facts": ["téléphones mobiles"]})
YES_NO = _item("answer", {"articles": ["article-5"], "parties": ["college"], "yes_no": "oui"}, "oui_non")
AUTOCOM = _item("answer", {"articles": ["article-1"], "parties": ["departement"]}, incident=True)
CLARIFY = _item("clarify", {"articles": [], "parties": [], "clarify": True}, "clarification")
DECLINE = _item("decline", {"articles": [], "parties": []}, "hors_champ")
SILENT = _item("silent", {"parties": []}, "non_precise")


def verdict(item, reply, **kwargs):
    return classify(item, reply, **kwargs)[0]


# -------------------------------------------------------------------------------------------- answer
def test_answer_right():
    reply = Reply("Les téléphones mobiles sont à la charge du collège (Article 1).", FEEDBACK,
                  ["article-1"], ["college"])
    assert verdict(MOBILE, reply) == RIGHT
    assert score_item(MOBILE, reply).verdict == RIGHT


def test_answer_wrong_party_or_wrong_article_is_confidently_wrong():
    wrong_party = Reply("Le Département fournit les téléphones mobiles (Article 1).", [], ["article-1"], ["departement"])
    assert verdict(MOBILE, wrong_party) == WRONG
    wrong_article = Reply("Le collège s'en charge (Article 5).", [], ["article-5"], ["college"])
    assert verdict(MOBILE, wrong_article) == WRONG


def test_answer_partial_is_missed_not_wrong():
    # Right article and party, but the fact is missing: incomplete, not a false statement.
    reply = Reply("Le collège s'en charge (Article 1).", [], ["article-1"], ["college"])
    assert verdict(MOBILE, reply) == MISSED
    # One of two expected parties named: partial.
    both = _item("answer", {"articles": ["article-1"], "parties": ["college", "departement"]})
    assert verdict(both, Reply("Le Département… (Article 1)", [], ["article-1"], ["departement"])) == MISSED
    # Fallback.
    assert verdict(MOBILE, Reply("Je n'ai pas bien compris. Pouvez-vous reformuler ?")) == MISSED
    assert verdict(MOBILE, Reply()) == MISSED


def test_contradicting_yes_no_is_confidently_wrong():
    assert verdict(YES_NO, Reply("Non. Le collège…", [], ["article-5"], ["college"])) == WRONG
    assert verdict(YES_NO, Reply("Oui : scénario 3 (Article 5).", [], ["article-5"], ["college"])) == RIGHT
    # "Nonobstant" is not a no.
    assert verdict(YES_NO, Reply("Nonobstant…", [], ["article-5"], ["college"])) == MISSED
    # « Si » answers yes to a question asked in the negative; « Si vous … » is a condition, not a yes.
    assert verdict(YES_NO, Reply("Si : scénario 3 (Article 5).", [], ["article-5"], ["college"])) == RIGHT
    assert verdict(YES_NO, Reply("Si vous achetez…", [], ["article-5"], ["college"])) == MISSED


def test_answer_asked_back_counts_as_clarified_only_with_the_right_reading():
    reply = Reply("Pour les téléphones, vous parlez de quoi : les fixes ou les portables ?", CHOICES)
    assert verdict(MOBILE, reply, reading_offered=True) == CLARIFIED
    assert verdict(MOBILE, reply, reading_offered=False) == MISSED
    assert verdict(MOBILE, reply) == CLARIFIED  # nobody followed the buttons: benefit of the doubt
    # Rating buttons are not a question back.
    assert verdict(MOBILE, Reply("Je ne sais pas.", FEEDBACK)) == MISSED


def test_form_start_is_wrong_on_a_question_and_fine_on_an_incident():
    assert verdict(MOBILE, Reply(FORM_START)) == WRONG
    assert verdict(AUTOCOM, Reply(FORM_START)) == RIGHT
    category_question = Reply("De quel type d'incident s'agit-il ?", CHOICES)
    assert verdict(MOBILE, category_question) == WRONG
    assert verdict(CLARIFY, category_question) == WRONG


# ------------------------------------------------------------------------------------ clarify
def test_clarify_needs_two_choice_buttons():
    assert verdict(CLARIFY, Reply("Vous parlez de quoi ?", CHOICES)) == CLARIFIED
    assert verdict(CLARIFY, Reply("Vous parlez de quoi ?", CHOICES[:1])) == MISSED
    assert verdict(CLARIFY, Reply("Le Département (Article 1).", FEEDBACK, ["article-1"], ["departement"])) == MISSED


# ------------------------------------------------------------------------------ decline / silent
def test_decline_and_silent_recognised_from_the_bots_sentences():
    assert verdict(DECLINE, Reply(OUT_OF_SCOPE)) == DECLINED
    assert verdict(SILENT, Reply(NOT_SPECIFIED, [], ["article-11"], [])) == DECLINED
    # The citation payload's kind is enough as well.
    assert verdict(SILENT, Reply("Voir la gouvernance.", [], ["article-11"], [], [], ["not_specified"])) == DECLINED
    # A decline may open with "Non" when it says why.
    assert verdict(DECLINE, Reply("Non : la convention ne traite pas de votre ordinateur personnel.")) == DECLINED


def test_party_named_on_decline_or_silent_is_confidently_wrong():
    assert verdict(SILENT, Reply("Le collège paie le toner (Article 5).", [], ["article-5"], ["college"])) == WRONG
    # Even with a marker: naming a party responsible is what must not happen.
    assert verdict(DECLINE, Reply(OUT_OF_SCOPE, [], ["preambule"], ["departement"])) == WRONG
    assert verdict(SILENT, Reply("Oui.")) == WRONG
    assert verdict(DECLINE, Reply(FORM_START)) == WRONG


def test_decline_without_marker_is_missed():
    assert verdict(DECLINE, Reply("Je n'ai pas bien compris. Pouvez-vous reformuler ?")) == MISSED
    assert verdict(SILENT, Reply("Vous parlez de quoi ?", CHOICES)) == MISSED


# ------------------------------------------------------------------------ dev set compatibility
def test_dev_items_get_an_inferred_outcome():
    by_category = {}
    for item in load_items():
        by_category.setdefault(item.category, set()).add(item.expected_outcome)
    assert by_category["hors_champ"] == {"decline"}
    assert by_category["non_precise"] == {"silent"}
    assert by_category["clarification"] == {"clarify"}
    # « portable » alone is asked back (laptop or mobile phone): a responsibility item may expect a clarification.
    assert by_category["responsabilite"] <= {"answer", "clarify"}


def test_item_from_dict_rejects_bad_outcome_and_class():
    with pytest.raises(ValueError):
        _item("maybe", {"parties": []})
    with pytest.raises(ValueError):
        item_from_dict({"id": "x", "category": "support", "role": "rupn", "turns": ["q"], "expect": {},
                        "outcome": "answer", "class": 11})
    with pytest.raises(ValueError):
        item_from_dict({"id": "x", "category": "support", "role": "rupn", "turns": ["q"], "expect": {},
                        "outcome": "answer", "class": "3"})


# --------------------------------------------------------------------------------------- summaries
def _result(item, reply, ms):
    result = score_item(item, reply)
    result.latencies_ms = [ms]
    return result


def test_summary_shares_and_target():
    results = [_result(MOBILE, Reply("Les téléphones mobiles : collège (Article 1).", [], ["article-1"], ["college"]), 100),
               _result(CLARIFY, Reply("Lequel ?", CHOICES), 200),
               _result(DECLINE, Reply(OUT_OF_SCOPE), 300),
               _result(SILENT, Reply("Le collège.", [], ["article-5"], ["college"]), 400)]
    summary = summarise_outcomes("x", results)
    assert (summary.items, summary.right, summary.clarified, summary.declined, summary.wrong, summary.missed) == \
        (4, 0.25, 0.25, 0.25, 0.25, 0.0)
    assert summary.honest == 0.75 and not summary.passed()
    assert (summary.p50_ms, summary.p95_ms) == (200, 400)
    assert summarise_outcomes("x", results[:3]).passed()
    assert summarise_outcomes("empty", []).items == 0


def test_report_prints_one_row_per_set_and_the_wrong_items():
    results = [_result(SILENT, Reply("Le collège.", [], ["article-5"], ["college"]), 10)]
    out = io.StringIO()
    reporting.report_outcomes({"heldout": results, "questions": []}, out=out)
    text = out.getvalue()
    assert "fausses avec aplomb" in text and "| heldout" in text and "| questions" in text
    assert "u-1" in text and "partie(s) désignée(s)" in text


# ------------------------------------------------------------------------------------ the runner
def test_runner_follows_the_buttons_to_check_the_reading(monkeypatch):
    clarification = [{"text": "Fixes ou portables ?", "buttons": CHOICES}]
    answers = {CHOICES[0]["payload"]: [{"text": "Le Département (Article 1).",
                                        "custom": {"articles": ["article-1"], "parties": ["departement"]}}],
               CHOICES[1]["payload"]: [{"text": "Les téléphones mobiles : collège (Article 1).",
                                        "custom": {"articles": ["article-1"], "parties": ["college"]}}]}
    monkeypatch.setattr(run_eval, "post_message",
                        lambda url, sender, message, timeout: answers.get(message, clarification))
    assert run_eval.run_item(MOBILE, "http://x", 1).verdict == CLARIFIED
    answers.pop(CHOICES[1]["payload"])
    assert run_eval.run_item(MOBILE, "http://x", 1).verdict == MISSED


def test_file_option_and_unreachable_server(capsys):
    assert run_eval.main(["--url", "http://127.0.0.1:9", "--file", str(model.QUESTIONS_FILE), "--no-fail"]) == 2
    assert "ne répond pas" in capsys.readouterr().err


# ------------------------------------------------------------------------- markers vs the bot's text
def test_decline_markers_match_the_bots_own_sentences():
    source = normalise("".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "knowledge").glob("*.py"))))
    assert "la convention ne precise pas qui prend en charge" in source
    assert "ne traite pas de" in source
    assert scoring.is_declined(Reply(NOT_SPECIFIED)) and scoring.is_declined(Reply(OUT_OF_SCOPE))
    # The answer that says the collège must handle it alone is an answer naming a party, not a decline.
    assert not scoring.is_declined(Reply("C'est au collège lui-même de s'en charger : la convention ne prévoit "
                                          "pas de ligne d'assistance pour cela."))


def test_form_markers_are_the_forms_first_questions():
    source = normalise("".join(p.read_text(encoding="utf-8")
                               for p in sorted([*(ROOT / "actions").glob("*.py"), ROOT / "helpdesk" / "incidents.py"])))
    for marker in scoring.FORM_START_MARKERS:
        assert marker in source, marker


def test_the_held_out_items_are_never_printed_only_counted():
    import io

    from tests.eval.model import HELDOUT_FILE, ItemResult
    from tests.eval.reporting import report, report_outcomes

    wrong = ItemResult(id="ho-x", category="responsabilite", role="enseignant", question="une question secrète ?",
                       correct=False, failures=["articles manquants"], outcome="answer", klass=0,
                       verdict="confidently_wrong", verdict_reasons=["partie(s) fausses"])
    out = io.StringIO()
    report([wrong], out=out, items=False)
    report_outcomes({HELDOUT_FILE.stem: [wrong]}, out=out, hidden=(HELDOUT_FILE.stem,))
    assert "une question secrète" not in out.getvalue() and "ho-x" not in out.getvalue()
    shown = io.StringIO()
    report_outcomes({"dev": [wrong]}, out=shown)
    assert "une question secrète" in shown.getvalue()
