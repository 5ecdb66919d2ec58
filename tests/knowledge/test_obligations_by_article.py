"""Each section of the agreement, read by hand: who must do what, and how many records it yields.

The tables below were written from the agreement text (knowledge/data/convention-cadre-deux-sevres-2017.txt),
not from the YAML. A row says: some record of this section binds ``party`` with one of ``roles`` and quotes
a source containing ``phrase``; optionally it is about ``subject``, its statement says ``says`` and it
belongs to ``scenario``. A forgotten or mis-attributed obligation fails here.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Union

import pytest

from knowledge.normalise import normalise

ALL = ("departement", "academie", "canope", "college")
DATA_BUG = "data bug, see the report of tests/knowledge: "


@dataclass(frozen=True)
class Row:
    party: Optional[str]  # None: the text states the rule without naming who bears it (role "rule")
    roles: Union[str, tuple[str, ...]]  # "term" for a term record
    phrase: str
    subject: Optional[str] = None
    says: Optional[str] = None
    scenario: Optional[int] = None

    @property
    def role_set(self) -> tuple[str, ...]:
        return (self.roles,) if isinstance(self.roles, str) else self.roles


def rows(parties, roles, phrase, **extra) -> list[Row]:
    """The same duty borne by several parties (the text names them jointly)."""
    return [Row(p, roles, phrase, **extra) for p in parties]


DOES_OR_PAYS = ("does", "pays")

EXPECTED: dict[str, list] = {
    # The heading: parties, representatives, addresses, « Vu… » and « Considérant… ».
    "entete": [
        Row("academie", "term", "le collège de JEAN DONNET", subject="parties"),
        Row("canope", "term", "établissement public national à caractère administratif", subject="parties"),
        Row("departement", "term", "Maison du Département, place Denfert Rochereau", subject="adresses"),
        Row("academie", "term", "22, rue Guillaume 7 Le Troubadour", subject="adresses"),
        Row("canope", "term", "avenue du Futuroscope", subject="adresses"),
        Row("canope", "term", "6 rue Sainte-Catherine 86034 Poitiers cedex", subject="adresses"),
        Row("college", "term", "ayant élu domicile...au Collège de LEZAY", subject="adresses"),
        Row("departement", "term", "Commission permanente du 23 janvier 2017", subject="habilitation"),
        Row("college", "term", "délibération du conseil d'administration", subject="habilitation"),
        Row("canope", "term", "par délégation, M. Frank FAUQUEMBERGUE", subject="habilitation"),
        Row(None, "term", "Vu le Code général des collectivités territoriales", subject="references_juridiques"),
        Row(None, "term", "refondation de l'école du 8 juillet 2013", subject="references_juridiques"),
        Row(None, "term", "loi n° 2004-809 du 13 août 2004", subject="references_juridiques"),
        Row(None, "term", "le 17 mai 2010", subject="convention_2010"),
        Row(None, "term", "délibération du 2 avril 2015", subject="references_juridiques"),
        Row(None, "term", "conditions de réussite incontournables", subject="references_juridiques"),
        Row(None, "term", "technologies de l'information et de la communication", subject="references_juridiques"),
    ],
    "contexte": [
        Row("departement", DOES_OR_PAYS, "sont à la charge du Département", subject="materiel_informatique",
            says="nécessaires à l'enseignement et aux échanges entre les membres de la communauté éducative"),
        Row("departement", DOES_OR_PAYS, "il en assure l'équipement et le fonctionnement"),
    ],
    "preambule": [
        Row("canope", "term", "4 rue Camille Desmoulins", subject="correspondance"),
        Row("canope", "term", "Toute correspondance devra être envoyée à cette adresse"),
        Row("college", "term", "L'objectif de cette convention est de définir les missions", subject="objectifs"),
    ],
    "repartition": [
        Row("departement", DOES_OR_PAYS, "acquisition et maintenance des matériels informatiques",
            subject="materiel_informatique"),
        *rows(ALL, ("decides", "does"), "élaboré conjointement entre les 4 parties", subject="referentiel"),
        Row("departement", "does", "remise à niveau et gestion du câblage réseau", subject="reseau"),
        Row("departement", "does", "assistance et support sur les services délivrés par le Département",
            subject="assistance"),
        Row("departement", "does", "conseil dans le cadre d'une gouvernance partagée"),
        Row("departement", "does", "déploiement de ressources pédagogiques sur demande de l'Académie",
            subject="ressources_pedagogiques"),
        Row("college", "may", "l'établissement pourra le faire dans le cadre du référentiel",
            subject="achat_fonds_propres"),
        Row("college", "may", "contribution au développement et à l'évolution du référentiel commun",
            subject="referentiel"),
        *rows(("academie", "canope"), "does", "promouvoir les services et les ressources numériques"),
        *rows(("academie", "canope"), "does", "accompagner les enseignants dans l'appropriation"),
        *rows(("academie", "canope"), "does", "conseiller et apporter une expertise sur les usages pédagogiques"),
    ],
    "article-1": [
        Row("departement", "does", "accord cadre mutualisé pour la gestion des contrats de téléphonie fixe",
            subject="abonnements_telecom"),
        # The same accord cadre covers the mobile contracts: a record under the mobile subject says so.
        Row("departement", "does", "contrats de téléphonie fixe et mobile", subject="telephone_mobile"),
        Row("departement", DOES_OR_PAYS, "fournir les autocommutateurs et les téléphones", subject="autocommutateur"),
        Row("departement", DOES_OR_PAYS, "fournir les autocommutateurs et les téléphones", subject="telephone_fixe"),
        Row("departement", "does", "gérer le parc d'autocommutateurs", subject="autocommutateur"),
        Row("departement", "does", "gestion centralisée avec facturation aux collèges",
            subject="facturation_telecom"),
        Row("college", "pays", "gestion centralisée avec facturation aux collèges",
            subject="facturation_telecom"),
        Row("college", "pays", "options spécifiques ou supplémentaires des autocommutateurs",
            subject="options_autocommutateur"),
        # « collègue » is a typo of the agreement for « collège ».
        Row("college", "pays", "téléphones mobiles sont à la charge du collègue", subject="telephone_mobile"),
    ],
    "article-2": [
        Row("departement", DOES_OR_PAYS, "l'infrastructure réseau et télécom sera prise en charge", subject="reseau"),
        Row("departement", "validates", "d'une validation par le Département", subject="modification_reseau"),
        Row("college", ("does", "may", "consulted"), "étude préalable à la demande de l'établissement",
            subject="modification_reseau"),
        Row("college", "must_not", "aucune intervention ou modification du réseau", subject="reseau",
            says="aucune intervention"),
        *rows(("college", "academie", "canope"), "consulted", "Tout besoin impactant l'infrastructure"),
    ],
    "article-3": [
        Row("departement", DOES_OR_PAYS, "l'infrastructure serveur sera prise en charge", subject="serveur"),
        Row("departement", "decides", "les stratégies de sauvegarde seront définies", subject="sauvegarde"),
        Row("departement", "pays", "financement des équipements de sécurité", subject="equipement_securite"),
        Row("college", "does", "gestion des membres de la communauté éducative", subject="comptes_utilisateurs"),
        Row("college", "must_not", "aucune intervention ou modification sur les systèmes", subject="systemes"),
        Row("college", "must_not", "aucune intervention ou modification sur les systèmes", subject="sauvegarde"),
        Row("academie", "does", "l'administration du filtrage internet", subject="filtrage_internet"),
        Row("academie", "does", "besoins liés au domaine administratif", subject="services_administratifs"),
        # « en lien avec le Département »: the Département is associated, not in charge.
        Row("departement", "consulted", "en lien avec le Département des Deux-Sèvres assurera",
            subject="services_administratifs"),
    ],
    "article-4": [
        Row("departement", "does", "assistance et support sur les services délivrés par le Département des "
            "Deux-Sèvres au travers", subject="assistance"),
        Row("departement", "does", "05.49.06.63.60", says="05.49.06.63.60"),
        Row("departement", "does", "intranet de déclaration d'incident avec suivi en ligne"),
        Row("academie", "does", "services administratifs de l'établissement et les applications métiers",
            subject="services_administratifs"),
        Row("academie", "does", "05.16.52.66.86", says="05.16.52.66.86"),
        Row("academie", "does", "formulaire en ligne sur le portail intranet"),
        *rows(("academie", "canope"), "does", "formation des enseignants au niveau des usages pédagogiques",
              subject="formation"),
    ],
    "article-5": [
        # The text names neither who asks nor whose directions these are.
        Row(None, "rule", "demande conjointe à la direction de l'éducation", subject="demande_equipement"),
        Row("departement", "pays", "Scénario 1 : accord du Département", scenario=1),
        Row("college", "may", "le collège peut la prendre en charge sur fonds propres", scenario=2),
        Row("departement", "does", "assurera l'installation des matériels et logiciels", scenario=2,
            subject="achat_fonds_propres"),
        Row("departement", "does", "actualiser le référentiel de service", subject="referentiel"),
        Row("college", "decides", "investissement sur fonds propres hors référentiel", scenario=3),
        Row("college", "does", "L'installation et la maintenance sont à la charge du collège", scenario=3,
            subject="achat_hors_referentiel"),
        Row("departement", "does", "prend en charge l'installation du matériel au sein des collèges",
            subject="installation_materiel"),
        # « doit faire l'objet d'une demande »: to whom is not said (inferences.yml, inf-deplacement-demande).
        Row(None, "rule", "Tout déplacement de matériel", subject="deplacement_materiel"),
        Row("college", "does", "le collège a la charge de l'installation physique", subject="videoprojecteur"),
        Row("departement", "validates", "validation technique du Département", subject="videoprojecteur"),
        Row("academie", "may", "expertise et d'un accompagnement par l'Éducation nationale",
            subject="demande_equipement"),
    ],
    "article-6": [
        Row("departement", "does", "l'inventaire de l'ensemble des ressources informatiques est suivi",
            subject="inventaire"),
        # Whoever keeps it, the inventory is open to the school and the partners: they may consult it.
        *rows(("college", "academie", "canope"), ("may", "does"), "cet inventaire sera à disposition de "
              "l'établissement", subject="inventaire"),
        Row("college", "does", "l'établissement devra déclarer", subject="inventaire"),
    ],
    "article-7": [
        Row("departement", "validates", "vérifie l'éligibilité technique", subject="ent", says="technique"),
        Row("academie", "validates", "l'Académie de Poitiers l'éligibilité pédagogique", subject="ent",
            says="pédagogique"),
    ],
    "article-8": [
        Row("departement", "does", "fera l'acquisition et maintiendra les logiciels socles",
            subject="logiciels_socles"),
        Row("college", "must_not", "Le collège n'interviendra pas sur ce domaine", subject="logiciels_socles"),
    ],
    "article-9": [
        # « référencement auprès du comité technique »: who references or validates is not said.
        Row(None, "rule", "référencement auprès du comité technique", subject="logiciel_pedagogique"),
        Row("departement", "does", "il en assure l'installation sur les postes de travail",
            subject="logiciel_pedagogique"),
        *rows(ALL, "consulted", "les différents acteurs seront associés à la vie du socle évolutif"),
        Row("college", ("does", "may"), "le collège propose de nouveaux logiciels", subject="logiciel_pedagogique"),
        Row("college", "consulted", "proposée par le référent se fera en concertation avec le Département"),
        # They propose only validated software; who validates is not said.
        *rows(("academie", "canope"), "does", "ne proposent aux référents de nouveaux logiciels que s'ils "
              "sont validés"),
        *rows(("academie", "canope"), "does", "formations et d'animations à l'utilisation des logiciels",
              subject="formation"),
        *rows(("academie", "canope"), "does", "a la charge de la formation et du paramétrage spécifiques",
              subject="logiciel_pedagogique"),
    ],
    "article-10": [
        *rows(("academie", "canope"), "does", "aspects juridiques des TICE", subject="aspects_juridiques"),
        *rows(("academie", "canope"), "does", "formation des personnels de l'Éducation nationale",
              subject="formation"),
    ],
    "article-11": [
        *rows(ALL, ("does", "decides"), "animée conjointement par l'Académie de Poitiers", subject="gouvernance"),
        *rows(ALL, ("does", "decides"), "instance de concertation déclinant et validant", subject="gouvernance"),
        *rows(ALL, ("does", "decides"), "Il se réunit au moins une fois par an", subject="gouvernance"),
    ],
    "article-12": [
        Row("college", "term", "période de 2 ans à compter du 1^{er} janvier 2017", subject="duree"),
        Row("departement", "term", "renouvelable par tacite reconduction", subject="duree"),
    ],
    "article-13": [
        *rows(ALL, "may", "peut être modifiée par voie d'avenants", subject="avenant"),
        *rows(ALL, "may", "résiliée à tout moment", subject="resiliation"),
        Row("departement", "term", "peut être modifiée par voie d'avenants", subject="avenant"),
        Row("college", "term", "lettre recommandée avec accusé réception", subject="resiliation"),
    ],
    "article-14": [
        Row("departement", "term", "soumise au tribunal compétent", subject="litige"),
    ],
    "signatures": [
        Row(None, "term", "Fait à Niort, le", subject="signature"),
        Row("departement", "term", "la Vice-présidente, Rose-Marie NIETO", subject="signature"),
        Row("academie", "term", "Chancelière des universités, Anne BISAGNI-FAURE", subject="signature"),
        Row("canope", "term", "Par délégation Monsieur Frank FAUQUEMBERGUE", subject="signature"),
        Row("college", "term", "K. Fauquembergue", subject="signature"),
    ],
}

# Records (obligations + terms) per section, counted from the text: one per duty and per party bearing it
# separately. Splits: art. 1 the mobile-contract record and the collèges' payment of the central
# invoices; art. 2 the study requested by the school and validated by the Département; art. 4 one record
# per channel (general duty, phone, intranet/form) of each line; art. 7 one record per eligibility;
# art. 13 each clause is a "may" of the four parties (for yes/no questions) and a term (for "how").
EXPECTED_COUNTS = {
    "entete": 17,
    "contexte": 1,
    "preambule": 2,
    "signatures": 5,
    "repartition": 11,
    "article-1": 8,
    "article-2": 6,
    "article-3": 8,
    "article-4": 7,
    "article-5": 12,
    "article-6": 3,
    "article-7": 2,
    "article-8": 2,
    "article-9": 8,
    "article-10": 2,
    "article-11": 3,
    "article-12": 1,
    "article-13": 4,
    "article-14": 1,
}
COUNT_BUGS: dict[str, str] = {}


def _cases():
    for section, table in EXPECTED.items():
        for index, row in enumerate(table):
            if isinstance(row, Row):
                yield pytest.param(section, row, id=f"{section}-{index}-{row.party}")
            else:
                inner = row.values[0]
                yield pytest.param(section, inner, marks=row.marks, id=f"{section}-{index}-{inner.party}")


def _matches(record, row: Row, is_term: bool) -> bool:
    if normalise(row.phrase) not in normalise(record.source):
        return False
    if (row.party is None and record.parties and not is_term) or (row.party and row.party not in record.parties):
        return False
    if not is_term and record.role not in row.role_set:
        return False
    if row.subject and row.subject not in record.subjects:
        return False
    if row.says and normalise(row.says) not in normalise(record.statement):
        return False
    if row.scenario is not None and getattr(record, "scenario", None) != row.scenario:
        return False
    return True


@pytest.mark.parametrize(("section", "row"), list(_cases()))
def test_expected_obligation_is_recorded(kb, section, row):
    is_term = row.role_set == ("term",)
    pool = [t for t in kb.terms if t.section == section] if is_term else [
        o for o in kb.obligations if o.section == section]
    found = [r.id for r in pool if _matches(r, row, is_term)]
    near = [(r.id, r.parties, getattr(r, "role", "term"), r.subjects) for r in pool
            if normalise(row.phrase) in normalise(r.source)]
    assert found, f"no record in {section} for {row}; records quoting the phrase: {near}"


def test_every_section_is_tabled(kb):
    assert set(EXPECTED) == set(kb.sections) == set(EXPECTED_COUNTS)


@pytest.mark.parametrize(
    "section",
    [pytest.param(s, marks=pytest.mark.xfail(reason=DATA_BUG + COUNT_BUGS[s], strict=True)) if s in COUNT_BUGS
     else s for s in EXPECTED_COUNTS],
)
def test_number_of_records_per_section(kb, section):
    obligations = Counter(o.section for o in kb.obligations)
    terms = Counter(t.section for t in kb.terms)
    assert obligations[section] + terms[section] == EXPECTED_COUNTS[section], (
        f"{section}: {obligations[section]} obligations + {terms[section]} terms")


def test_every_record_belongs_to_a_tabled_duty(kb):
    """The reverse direction: a record whose source matches no row of its section is unexpected."""
    plain = {s: [r.values[0] if not isinstance(r, Row) else r for r in t] for s, t in EXPECTED.items()}
    stray = []
    for record in (*kb.obligations, *kb.terms):
        table = plain[record.section]
        if not any(normalise(row.phrase) in normalise(record.source) for row in table):
            stray.append((record.section, record.id))
    assert stray == []


def test_prohibitions_say_what_to_do_instead(kb):
    prohibitions = [o for o in kb.obligations if o.role == "must_not"]
    assert {o.id.split("-")[0] for o in prohibitions} == {"a2", "a3", "a8"}
    assert all(o.parties == ("college",) for o in prohibitions)
    for obligation in prohibitions:
        assert "Département" in obligation.advice, obligation.id


def test_network_exception_keeps_the_agreed_qualification(kb):
    network = next(o for o in kb.obligations if o.role == "must_not" and o.section == "article-2")
    assert "qualification agréée" in network.condition
    systems = next(o for o in kb.obligations if o.role == "must_not" and o.section == "article-3")
    assert "autorisation expresse" in systems.condition


def test_mobile_phone_typo_is_read_as_the_college(kb):
    mobile = [o for o in kb.obligations if "collègue" in o.source]
    assert [o.parties for o in mobile] == [("college",)]
    assert "collège" in mobile[0].statement and "collègue" not in mobile[0].statement
    assert any("collègue" in q.text and q.section == "article-1" for q in kb.quirks)


def test_scenarios_of_article_5(kb):
    by_scenario: dict[int, set[tuple[str, str]]] = {}
    for o in kb.obligations:
        if o.scenario is not None:
            assert o.section == "article-5", o.id
            by_scenario.setdefault(o.scenario, set()).add((o.parties[0], o.role))
    assert set(by_scenario) == {1, 2, 3}
    assert by_scenario[1] == {("departement", "pays")}
    assert ("college", "may") in by_scenario[2] and ("departement", "does") in by_scenario[2]
    assert by_scenario[3] == {("college", "decides"), ("college", "does")}


def test_governance_bodies_of_article_11(kb):
    bodies = {b.id: b for b in kb.governance}
    assert len(bodies) == 2
    instance = next(b for b in bodies.values() if "concertation" in b.name)
    group = next(b for b in bodies.values() if "groupe de travail" in b.name)
    assert re.search(r"une ou (2|deux) fois (par an|l.an)", instance.frequency)
    assert "au moins une fois par an" in group.frequency
    assert sorted(instance.animated_by) == sorted(ALL)
    # Nine lines of membership in the text, grouped here by the party they come from.
    assert len(group.members) == 9
    per_party = Counter(m.party for m in group.members)
    assert per_party == {"college": 2, "academie": 2, "canope": 1, "departement": 4}
    whos = " | ".join(m.who for m in group.members)
    for phrase in ("8 représentants", "RUPN", "DANE", "DSI du rectorat", "Atelier Canopé 79", "6e commission",
                   "Direction générale", "DSI du Département", "directeur de l'éducation"):
        assert phrase in whos, phrase


def test_support_lines_of_article_4(kb):
    lines = kb.support_lines
    assert lines["departement"].phone == "05.49.06.63.60"
    assert lines["academie"].phone == "05.16.52.66.86"
    assert lines["departement"].hours == (("08:30", "12:30"), ("13:30", "17:00"))
    assert lines["academie"].hours == (("08:00", "17:30"),)
    assert lines["departement"].days == lines["academie"].days == (0, 1, 2, 3, 4)
    # The agreement gives no number for the pedagogical support: none may be invented.
    assert lines["canope"].phone == "" and not lines["canope"].hours
    assert set(lines["canope"].parties) == {"academie", "canope"}
