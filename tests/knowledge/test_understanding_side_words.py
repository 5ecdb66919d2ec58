"""Issue 11, trust: a word beside the thing asked about (« système », « signataires », « partenaires », « appelle »,
« admin ») must not decide the article when the message names the thing itself.
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, article, party", [
    # « système » beside Windows is the operating system (article 8), not article 3's systems.
    ("Ticket : PC 7 salle C - système HS, réinstaller Windows. Je transmets à qui ?", "article-8", "departement"),
    # The licence of the server's administration software is article 3's, not the socle software's.
    ("les licences du logiciel d'admin du serveur pédagogique expirent en juin, qui les rachète ?", "article-3",
     "departement"),
    # « le référentiel, comme on l'appelle » names it; « élaborer » it is defining it, jointly (Répartition).
    ("le catalogue, ce qu'on appelle le référentiel d'offres, qui l'élabore ?", "repartition", "departement"),
    # The material to ask for, with a pedagogical opinion: the Éducation nationale's expertise (article 5).
    ("pour un projet de classe média on veut un conseil pédagogique sur le matériel à demander, qui peut nous "
     "épauler ?", "article-5", "academie"),
    # « validé » tells the story; putting the software on the machines is installing it (article 9).
    ("le logiciel de SVT a été validé pour le socle évolutif, qui vient le mettre sur les postes de la salle 3 ?",
     "article-9", "departement"),
    # « les machines » are the workstations too.
    ("le logiciel de géo est validé, il est mis sur nos machines par qui ?", "article-9", "departement"),
    # Pupils put in the ENT are its members, which the collège manages (article 3), not the ENT's support.
    ("on a 12 élèves à inscrire dans l'ENT après les vacances, qui s'en charge ?", "article-3", "college"),
])
def test_the_thing_named_decides(kb, now, text, article, party):
    answer = answer_question(kb, text, now=now)
    assert article in answer.articles and party in answer.parties, (answer.articles, answer.parties, answer.text)


def test_the_signatories_disagreeing_is_a_dispute(kb, now):
    answer = answer_question(kb, "si les signataires ne s'entendent pas sur l'application de la convention, il se "
                                 "passe quoi ?", now=now)
    assert answer.articles == ["article-14"], (answer.articles, answer.text)


def test_the_signatories_alone_are_still_the_signatures(kb, now):
    answer = answer_question(kb, "qui sont les signataires de la convention ?", now=now)
    assert answer.kind == "agreement" and answer.parties, answer.text


def test_equipment_taken_out_of_service_is_left_open(kb, now):
    # Disposal of old equipment is nowhere in the text: no party named (the installation record was stated).
    answer = answer_question(kb, "des PC réformés encombrent la réserve, qui doit venir les enlever ?",
                             now=now)
    assert answer.kind == "not_specified" and not answer.parties, (answer.kind, answer.text)


def test_sending_a_request_is_no_address(kb, now):
    # « à qui l'adresser ? » is sending something: without the thing named it is asked back, not the parties' addresses.
    answer = answer_question(kb, "Objet : ma demande - je l'adresse à qui ?", now=now)
    assert answer.kind in ("clarify", "unknown") and len(answer.choices) >= 2 and "entete" not in answer.articles, \
        (answer.kind, answer.text)


def test_unblocking_an_account_is_not_the_filtering(kb, now):
    # « débloquer » alone takes up the thing named before it: an ENT account, not a website behind the filter.
    answer = answer_question(kb, "le compte ENT de ma classe est bloqué depuis hier, qui peut le débloquer ?", now=now)
    assert "filtrage" not in answer.text and "academie" not in answer.parties, (answer.parties, answer.text)


def test_a_personal_webmail_is_out_of_scope(kb, now):
    answer = answer_question(kb, "on m'a piraté mon compte hotmail, le collège peut m'aider ?", now=now, intent="ask_support")
    assert answer.kind == "out_of_scope" and not answer.parties, (answer.kind, answer.text)
