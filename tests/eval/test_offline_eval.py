"""The offline scoring of the development sets (tests/eval/offline.py): in-process answers scored by the live
runner's rules, never on the held-out set."""
from __future__ import annotations

import pytest

from knowledge import loader
from tests.eval import offline
from tests.eval.model import CLARIFIED, DECLINED, MISSED, RIGHT, WRONG, item_from_dict


@pytest.fixture(scope="module")
def kb():
    return loader.load()


def _item(ident, text, outcome, expect):
    return item_from_dict({"id": ident, "category": "responsabilite", "role": "enseignant", "outcome": outcome,
                           "class": 0, "turns": [text], "expect": expect})


def test_single_turn_items_are_answered_in_process_and_scored_by_the_live_rules(kb):
    items = [
        _item("o-1", "qui installe les vidéoprojecteurs ?", "answer", {"articles": ["article-5"], "parties": ["college"]}),
        _item("o-2", "qui paie la cantine ?", "decline", {}),
        _item("o-3", "le portable ne marche plus", "clarify", {"clarify": True}),
        # A wrong party expected: the scoring must be able to say « confidently wrong ».
        _item("o-4", "qui administre le filtrage internet ?", "answer", {"parties": ["departement"]}),
        item_from_dict({"id": "o-5", "category": "responsabilite", "role": "rupn", "turns": ["bonjour", "merci"],
                        "expect": {}}),
    ]
    results = offline.score_offline(kb, items)
    assert [(r.id, r.verdict) for r in results] == [("o-1", RIGHT), ("o-2", DECLINED), ("o-3", CLARIFIED),
                                                    ("o-4", WRONG)]  # o-5 needs the conversation


def test_the_held_out_set_is_refused(capsys):
    assert offline.main(["--file", str(offline.HELDOUT_FILE)]) == 2
    assert "jeu réservé" in capsys.readouterr().err


def test_a_question_back_counts_as_clarified_only_when_one_of_its_buttons_leads_to_the_answer(kb):
    """The live runner clicks every button; the offline loop answers each click in-process the same way, instead
    of giving every question back the benefit of the doubt (46 read items were clarified offline, missed live)."""
    question = "qui paye les licences ?"  # four readings offered as buttons
    reachable = _item("o-6", question, "answer", {"articles": ["article-8"], "parties": ["departement"]})
    unreachable = _item("o-7", question, "answer", {"articles": ["article-13"]})
    results = offline.score_offline(kb, [reachable, unreachable])
    assert [(r.id, r.verdict) for r in results] == [("o-6", CLARIFIED), ("o-7", MISSED)]
    assert results[1].verdict_reasons == ["question en retour dont aucun choix ne mène à la bonne réponse"]


def test_the_models_intent_is_handed_on_as_the_action_server_hands_it(kb):
    """A question the model reads as a procedure gets the list of what the agreement provides for the thing; the
    offline loop, without the intent, scored another reply than the live bot gives."""
    text = "l'inventaire tenu par le Département, on le consulte où ?"
    item = _item("o-8", text, "silent", {"parties": []})
    assert [r.verdict for r in offline.score_offline(kb, [item])] == [DECLINED]
    assert [r.verdict for r in offline.score_offline(kb, [item], {text: "ask_procedure"})] == [WRONG]
    # Intents the action server does not answer as questions are not handed on.
    assert [r.verdict for r in offline.score_offline(kb, [item], {text: "nlu_fallback"})] == [DECLINED]
