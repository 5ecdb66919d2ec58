"""Every quotation is verbatim, and every duty sentence of the agreement is quoted by some record.

The first half guards against paraphrased "sources"; the second half is the net for forgotten
obligations: a sentence with a duty verb that no record quotes fails.
"""
from __future__ import annotations

import re

import pytest

from knowledge import loader
from knowledge.normalise import normalise

from .support import SHARED_AGREEMENT, flat

DATA_BUG = "data bug, see the report of tests/knowledge: "


def _quoted(kb) -> list[tuple[str, str]]:
    """(label, quotation) of every record that quotes the agreement."""
    quotes = [(f"obligation {o.id}", o.source) for o in kb.obligations]
    quotes += [(f"term {t.id}", t.source) for t in kb.terms]
    for line in kb.support_lines.values():
        quotes.append((f"line {line.id}", line.source))
        if line.online_source:
            quotes.append((f"line {line.id} online", line.online_source))
    quotes += [(f"governance {g.id}", g.source) for g in kb.governance]
    quotes += [(f"quirk {q.section}", q.text) for q in kb.quirks]
    quotes.append(("correspondence", kb.correspondence["source"]))
    quotes += [(f"principle {i}", p) for i, p in enumerate(kb.objective_principles, 1)]
    return quotes


def _kb():
    return loader.load()


QUOTES = _quoted(_kb())


def test_packaged_agreement_is_the_shared_text(agreement_text):
    if not SHARED_AGREEMENT.exists():
        pytest.skip("the shared copy of the agreement is not on this machine")
    assert agreement_text == SHARED_AGREEMENT.read_text(encoding="utf-8")


@pytest.mark.parametrize(("label", "quote"), QUOTES, ids=[label for label, _ in QUOTES])
def test_quotation_is_verbatim(flat_agreement, label, quote):
    assert quote.strip(), f"{label} quotes nothing"
    assert flat(quote) in flat_agreement, f"{label} is not verbatim: {quote!r}"


def test_verbatim_check_is_not_accent_or_case_blind(flat_agreement):
    """The check must be exact: a "fixed" typo or a dropped accent is not verbatim."""
    assert flat("sont à la charge du collègue.") in flat_agreement
    assert flat("sont à la charge du collège.") not in flat_agreement
    assert flat("le departement des deux-sevres") not in flat_agreement


# --------------------------------------------------------------------------- sources stay in their section

def _section_cases():
    kb = _kb()
    for record in (*kb.obligations, *kb.terms):
        marks = ()
        yield pytest.param(record.id, record.section, record.source, marks=marks, id=record.id)


@pytest.mark.parametrize(("record_id", "section", "source"), list(_section_cases()))
def test_source_lies_in_its_section(kb, record_id, section, source):
    """A record cites its section: the quoted sentence must be in that section's text."""
    assert flat(source) in flat(kb.sections[section].text), f"{record_id} cites {section} but quotes elsewhere"


def test_sections_are_sliced_in_order_and_cover_articles(kb, agreement_text):
    positions = [flat(agreement_text).find(flat(s.text)) for s in kb.sections.values()]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
    for number in range(1, 15):
        section = kb.sections[f"article-{number}"]
        assert section.number == number and section.label == f"Article {number}"
        assert section.text.startswith(f"Article {number} :")
    assert kb.sections["article-14"].text.rstrip().endswith("soumise au tribunal compétent.")
    assert "Fait à Niort" not in kb.sections["article-14"].text


# --------------------------------------------------------------------------- no duty left unquoted

# Word forms that put a duty (or a permission) on someone, accent-free as `normalise` writes them.
DUTY_MARKERS = (
    "a la charge", "ont la charge", "aura la charge", "s engage", "devra", "devront", "doit", "assure",
    "assurera", "assurent", "verifie", "prend en charge", "prise en charge", "ne devra", "n interviendra",
    "fera l objet", "feront l objet", "seront definies", "est suivi", "fera l acquisition", "pourra", "peut",
    "accompagnent", "propose", "proposent",
)
# Sentences with such a word that bind nobody, and why.
NOT_DUTIES = {
    normalise("Ce dispositif vise à assurer le bon fonctionnement informatique des établissements"):
        "purpose of the scheme (the objective's principles), binds no party",
}
UNQUOTED_DUTIES: dict[str, str] = {}


def _sentences(text: str) -> list[str]:
    """Sentences and list items of the agreement (a list item is one clause of its list's sentence)."""
    result = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        if not line:
            continue
        result.extend(part for part in re.split(r"(?<=\.)\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])", line) if part)
    return result


def _duty_sentences() -> list:
    kb = _kb()
    cases = []
    for sentence in _sentences(kb.agreement_text):
        norm = normalise(sentence)
        if not any(f" {m} " in f" {norm} " for m in DUTY_MARKERS):
            continue
        # "X s'engage à :" only introduces a list whose items carry the duties (checked one by one).
        if sentence.endswith(":") and not any(normalise(q) == norm for _, q in _quoted(kb)):
            continue
        if any(norm.startswith(key) for key in NOT_DUTIES):
            continue
        marks = ()
        if any(norm.startswith(key) for key in UNQUOTED_DUTIES):
            marks = pytest.mark.xfail(reason=DATA_BUG + "forgotten obligation", strict=True)
        cases.append(pytest.param(sentence, marks=marks, id=norm[:60]))
    return cases


DUTY_SENTENCES = _duty_sentences()


def test_duty_sentences_were_found():
    # The agreement has about forty duty sentences: far fewer means the scan itself broke.
    assert len(DUTY_SENTENCES) >= 38


def _covered(sentence: str, quotes) -> bool:
    norm = normalise(sentence)
    return any(normalise(q) in norm or norm in normalise(q) for q in quotes)


@pytest.mark.parametrize("sentence", DUTY_SENTENCES)
def test_duty_sentence_is_quoted_by_a_record(kb, sentence):
    quotes = [o.source for o in kb.obligations] + [t.source for t in kb.terms]
    assert _covered(sentence, quotes), f"no obligation or term quotes: {sentence!r}"


def _list_items() -> list:
    kb = _kb()
    items = []
    for section in kb.sections.values():
        if section.id == "article-11":
            continue  # the membership list of the working group is checked against the governance records
        for line in section.text.splitlines():
            if line.strip().startswith("-"):
                text = line.strip().lstrip("-").strip()
                items.append(pytest.param(section.id, text, id=f"{section.id}:{normalise(text)[:50]}"))
    return items


@pytest.mark.parametrize(("section", "item"), _list_items())
def test_every_list_item_is_quoted(kb, section, item):
    """Each dash item of the competences and articles 1-10 is a duty: some record must quote it."""
    quotes = [q for _, q in _quoted(kb)]
    assert _covered(item, quotes), f"{section}: nothing quotes {item!r}"


def test_membership_lines_of_article_11_match_the_governance_records(kb):
    section = kb.sections["article-11"].text
    members = [line.strip() for line in section.splitlines() if line.strip().startswith("-")]
    group = next(b for b in kb.governance if b.members)
    assert len(members) == len(group.members) == 9
