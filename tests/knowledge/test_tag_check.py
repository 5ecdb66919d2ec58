"""`python -m knowledge validate` checks the tags against the source sentence (verbs.yml), and terms shared by
subjects that lead to different parties; each refusal names the file and the record."""
from __future__ import annotations

from knowledge import loader
from knowledge.validation import Checker, _supports, check_tags

from .test_loader_validation import assert_named, edit, problems_of, record, run_validate

SERVERS = "a3-departement-serveurs"


def test_real_data_passes_the_tag_check(kb):
    assert kb.obligations  # loaded without a KnowledgeError: every tag is supported by its own quote


def test_cli_exits_0_on_the_real_data():
    result = run_validate(None)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_an_action_its_quote_does_not_support_is_refused(data_copy):
    # « tant dans l'acquisition des matériels que des logiciels d'administration »: acquisition, not repair.
    edit(data_copy, "obligations.yml",
         lambda c: record(c["obligations"], SERVERS).update(actions=["acheter", "reparer", "maintenir"]))
    error = problems_of(data_copy)
    assert_named(error, "obligations.yml", SERVERS, "action 'reparer'", "not supported by its source")
    assert_named(error, "obligations.yml", SERVERS, "action 'maintenir'")
    assert not any("'acheter'" in p.message for p in error.problems if p.record == SERVERS)


def test_a_role_its_quote_does_not_support_is_refused(data_copy):
    # « ne proposent … que s'ils sont validés »: the Académie and Canopé are not said to validate.
    edit(data_copy, "obligations.yml",
         lambda c: record(c["obligations"], "a9-academie-canope-validation").update(role="validates"))
    assert_named(problems_of(data_copy), "obligations.yml", "a9-academie-canope-validation", "role 'validates'")


def test_the_cli_refuses_a_sample_record_and_names_it(data_copy):
    edit(data_copy, "obligations.yml",
         lambda c: record(c["obligations"], "a1-college-telephones-mobiles").update(
             actions=["acheter", "reparer"]))
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert "obligations.yml [a1-college-telephones-mobiles]" in result.stderr
    assert "action 'reparer'" in result.stderr


def test_an_action_without_supporting_words_is_refused(data_copy):
    edit(data_copy, "vocabulary.yml", lambda c: c["actions"].update(imprimer=["imprimer"]))
    assert_named(problems_of(data_copy), "verbs.yml", "imprimer", "supporting words")


def test_a_term_shared_by_subjects_of_different_parties_is_refused(data_copy):
    # « poste administratif » is the Département's equipment; the Académie's subject must not claim it too.
    edit(data_copy, "subjects.yml",
         lambda c: record(c["subjects"], "services_administratifs")["terms"].append("poste administratif"))
    assert_named(problems_of(data_copy), "subjects.yml", "services_administratifs", "poste administratif",
                 "materiel_informatique")


def test_a_declared_homonym_may_be_shared(data_copy):
    def share(content):
        record(content["subjects"], "services_administratifs")["terms"].append("poste administratif")
    edit(data_copy, "subjects.yml", share)
    edit(data_copy, "vocabulary.yml", lambda c: c.update(homonyms=["poste administratif"]))
    assert loader.load(data_copy).subjects["services_administratifs"]


def test_an_inference_must_quote_the_text(data_copy):
    edit(data_copy, "inferences.yml",
         lambda c: c["inferences"][0]["sources"][0].update(quote="l'Académie gère la plate-forme de filtrage"))
    assert_named(problems_of(data_copy), "inferences.yml", "inf-filtrage-ligne-academie", "not found verbatim")


def test_support_is_a_word_start_not_any_substring():
    assert _supports(["maintenance"], "le contrat de maintenance associé")
    assert _supports(["renouvel"], "les renouveler en cas de panne")
    assert not _supports(["installation"], "la désinstallation")  # « installation » inside another word
    assert not _supports(["maintenance"], "acquisition des matériels")


def test_check_tags_on_a_sample_record():
    from knowledge.records import Obligation

    sample = Obligation(id="sample", section="article-1", parties=("college",), role="pays", actions=("reparer",),
                        subjects=("telephone_mobile",), statement="…",
                        source="le renouvellement et l'achat des téléphones mobiles sont à la charge du collègue.")
    checker = Checker(sample.source)
    check_tags(checker, [sample], {"actions": {"reparer": ["maintenance", "en cas de panne"]},
                                   "roles": {"pays": ["a la charge"]}})
    assert [str(p) for p in checker.problems] == [
        "obligations.yml [sample]: action 'reparer' is not supported by its source "
        "(verbs.yml: maintenance, en cas de panne)"]


def test_a_routing_inference_must_match_the_routing(data_copy):
    # The inference says the Académie; if the data routed filtering elsewhere, the two would disagree.
    edit(data_copy, "subjects.yml", lambda c: record(c["subjects"], "filtrage_internet").update(line="departement"))
    assert_named(problems_of(data_copy), "inferences.yml", "inf-filtrage-ligne-academie", "filtrage_internet",
                 "'departement'")
