"""Each party's role (issue 11, class 8): « qui fait quoi entre les partenaires ? » is answered by the section
« Répartition des compétences », every party's records or only those of the parties asked about. Examples written
for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)


def test_who_does_what_lists_every_role_of_the_sharing_of_competences(kb):
    answer = answer_question(kb, "en résumé, quelle est la répartition des compétences entre les partenaires ?")
    shared = [o.id for o in kb.obligations if o.section == "repartition"]
    assert answer.kind == "agreement" and answer.articles == ["repartition"], answer.text
    assert answer.obligations == shared and len(answer.text.splitlines()) == len(shared) + 1


@pytest.mark.parametrize("text, party", [
    ("quelles sont les missions respectives de l'Académie et de Canopé ?", "academie"),
    ("l'Académie et Canopé, globalement, ils apportent quoi aux enseignants ?", "canope"),
])
def test_a_party_named_gets_its_own_roles_only(kb, text, party):
    answer = answer_question(kb, text)
    records = [o for o in kb.obligations if o.id in answer.obligations]
    assert answer.subject == "roles" and records, answer.text
    assert all(party in o.parties for o in records), answer.obligations


def test_who_does_what_after_several_problems_is_one_answer_each(kb):
    # « qui fait quoi ? » after two faults asks who handles each of them, not the parties' roles.
    answer = answer_question(kb, "le proxy bloque un site et le switch du CDI redémarre sans arrêt, qui fait quoi ?")
    assert answer.subject != "roles" and {"academie", "departement"} <= set(answer.parties), answer.text


def test_what_the_agreement_is_for_is_its_objectives_whatever_party_is_named(kb):
    # « sert » is said of the text (its subject in the parse): the preamble's objectives, not the Département's
    # records; said of a party, it asks that party's role.
    answer = answer_question(kb, "un collègue me demande à quoi sert ce texte signé avec le Département")
    assert "preambule" in answer.articles and answer.subject != "roles", answer.text
    answer = answer_question(kb, "Réseau Canopé, dans cette convention, il sert à quoi ?")
    assert answer.subject == "roles" and answer.obligations, answer.text


@pytest.mark.parametrize("text, party", [
    ("quelles sont les obligations du département ?", "departement"),
    ("le rôle de l'académie ?", "academie"),
    ("qu'est-ce que canopé fait pour nous ?", "canope"),
    # The party the others act for is no party asked about (« aux collèges », « pour le département »).
    ("qu'apporte le département aux collèges de deux-sèvres ?", "departement"),
    ("le collège, il fait quoi pour le département ?", "college"),
])
def test_a_partys_role_asked_with_an_article_lists_its_records(kb, text, party):
    answer = answer_question(kb, text, now=NOW)
    assert answer.parties == [party] and "ce que la convention lui confie" in answer.text, answer.text
    assert len(answer.obligations) >= 3


def test_whom_does_what_asked_by_a_newcomer_is_the_share_of_each_party(kb):
    answer = answer_question(kb, "Je viens d'arriver comme principal, je voudrais comprendre qui fait quoi pour "
                                 "l'informatique en deux mots.", now=NOW)
    assert answer.kind == "agreement" and "repartition" in answer.articles, answer.text
