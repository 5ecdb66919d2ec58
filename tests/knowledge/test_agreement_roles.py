"""Each party's role (issue 11, class 8): « qui fait quoi entre les partenaires ? » is answered by the section
« Répartition des compétences », every party's records or only those of the parties asked about. Examples written
for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


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
