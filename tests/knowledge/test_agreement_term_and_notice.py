"""The agreement's own term and notice (issue 11, class 8): leaving it is its termination (article 13), a term said
to end is denied by its renewal (article 12), leaving at once by its notice; the word lists of its own facts name
subjects of kind agreement. Examples written for these tests from
the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest
import yaml

from knowledge.answers import answer_question
from knowledge.understanding.lexicon import LexiconError, build_lexicon


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


@pytest.mark.parametrize("text", [
    "peut-on se retirer de l'accord avant la fin des deux ans ?",
    "comment clôturer notre participation à la convention ?",
    "nous voudrions quitter le dispositif, quelle démarche ?",
    "le collège voudrait se désengager de cette convention, comment ?",
])
def test_leaving_the_agreement_is_its_termination_article_13(kb, monday_10am, text):
    answer = ask(kb, text, monday_10am)
    assert answer.articles == ["article-13"] and "lettre recommandée" in answer.text


def test_leaving_this_agreement_at_once_is_denied_by_its_notice(kb, monday_10am):
    # « quitter cette convention », not only « la convention »; the negative question gets « Non, en effet » (one cannot).
    answer = ask(kb, "Et si nous voulions tout arrêter, on ne peut pas quitter cette convention du jour au lendemain ?",
                 monday_10am)
    assert answer.articles == ["article-13"] and answer.text.startswith("Non, en effet.") and "2 mois" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "elle est entree en vigueur en 2018 ?",
    "la convention prend effet quand ?",
    "l'accord a pris effet à quelle date ?",
    "la prise d'effet de la convention, c'était quand ?",  # « prise » is no socket here
])
def test_when_it_took_effect_is_its_start_article_12(kb, monday_10am, text):
    # « à compter du 1er janvier 2017 »: no « la convention ne mentionne pas « vigueur » ».
    answer = ask(kb, text, monday_10am)
    assert answer.articles == ["article-12"] and "1er janvier 2017" in answer.text, answer.text
    assert not answer.text.startswith(("Oui", "Non")), answer.text


@pytest.mark.parametrize("text, lead", [
    # Article 12: « conclue pour une période de 2 ans … renouvelable par tacite reconduction ».
    ("la convention prend fin au bout de deux ans ?", "Non."),
    ("La convention signée en 2017 se termine d'elle-même au terme prévu ?", "Non."),  # « signée » only describes it
    ("la convention dure 2 ans ?", "Oui."),
    # A new signature is what the tacit renewal spares (« signer » there asks about the renewal, not the signatories).
    ("après deux ans, faut-il re-signer la convention ?", "Non."),
    ("au bout de la période, est-elle prolongée automatiquement ?", "Oui."),
    # « pense que » reports the claim checked: its « que » asks no « what », « signée » only describes it.
    ("Ma collègue pense que la convention a été signée pour 4 ans, elle a raison ?", "Non : 2 ans"),
])
def test_a_term_said_to_end_is_denied_by_its_renewal(kb, monday_10am, text, lead):
    answer = ask(kb, text, monday_10am)
    assert answer.articles == ["article-12"] and answer.text.startswith(lead), answer.text


@pytest.mark.parametrize("text, lead", [
    # Article 13: « à tout moment », but « 2 mois avant la résiliation effective ».
    ("le Département peut-il quitter la convention du jour au lendemain ?", "Non."),
    ("on peut résilier la convention à tout moment ?", "Oui."),
])
def test_leaving_at_once_is_denied_by_the_notice(kb, monday_10am, text, lead):
    answer = ask(kb, text, monday_10am)
    assert answer.articles == ["article-13"] and answer.text.startswith(lead), answer.text


def test_signatories_named_beside_termination_ask_the_termination(kb, monday_10am):
    answer = ask(kb, "un mail aux autres signataires, ça suffit pour résilier ?", monday_10am)
    assert answer.articles == ["article-13"]


def test_an_agreement_fact_list_must_name_an_agreement_subject(kb, data_copy, monkeypatch):
    path = data_copy / "message_kinds.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agreement"]["reglement_interieur"] = ["reglement interieur"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(data_copy))
    with pytest.raises(LexiconError, match="reglement_interieur"):
        build_lexicon(kb)


@pytest.mark.parametrize("text", ["dans ce texte de convention, quel collège est nommé au juste ?",
                                  "la convention concerne quel établissement exactement ?"])
def test_the_college_named_by_the_agreement_is_its_header(kb, text):
    # The header: « Le collège Jean Donnet de Lezay, représenté par sa Principale … ».
    answer = answer_question(kb, text)
    assert "Lezay" in answer.text and "entete" in answer.articles, answer.text


def test_how_notice_is_sent_is_termination_and_an_alternative_gets_no_verdict(kb, monday_10am):
    # « résilier » beside « courrier » is the agreement's termination (a registered letter, article 13), not the address
    # for correspondence; « un mail ou un courrier ? » offers two ways: no « Non » to either, the term says which.
    answer = ask(kb, "pour résilier, on envoie un courrier ou un simple mail ?", monday_10am)
    assert answer.articles == ["article-13"] and "lettre recommandée" in answer.text, answer.text
    assert not answer.text.startswith(("Oui", "Non")), answer.text
    # One way alone is still checked against the term.
    assert ask(kb, "pour résilier la convention, un mail suffit ?", monday_10am).text.startswith("Non. ")
