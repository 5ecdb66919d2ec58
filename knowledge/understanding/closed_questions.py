"""Whether a message is a closed (yes/no) question (issue 11): the frame's yes/no, or a question mark ending a
message that asks no open question. Question words inside the message that open nothing (a relative « qui », a
subordinate « quand », the conjunction « que », an indirect question after « décider ») are told apart here.
"""
from __future__ import annotations

import re

from knowledge.normalise import normalise
from knowledge.understanding import parse as parsing
from knowledge.vocabulary import ALTERNATIVE_PHRASES


def closed_question(text: str, yes_no: bool) -> bool:
    """A yes/no check: the frame says so, or a question mark ends a message that asks no open question
    (« la convention dure bien 2 ans ? » has no question word)."""
    if yes_no:
        return True
    norm = f" {normalise(text)} ".replace(" quand meme ", " ").strip()  # « quand même » asks no « when »
    # « quoi que ce soit », « qui que ce soit », « où que ce soit »: anything, anyone, anywhere; nothing asked.
    norm = _WHATEVER.sub(" ", norm).strip()
    # « il peut recâbler la baie quand ça déconne ? »: « quand » inside the sentence, before its own clause,
    # says when, it does not ask it.
    norm = _SUBORDINATE_WHEN.sub(" ", norm).strip()
    # « … sans qu'on la resigne ? », « avant que … »: a conjunction, not « qu'est-ce que ».
    norm = _CONJUNCTION_QUE.sub(r"\1", norm)
    if "où" not in (text or "").lower():
        # « si la collectivité ou nous voulons en sortir, c'est possible ? »: « ou » typed without its accent,
        # between two things named before the question's own clause, is « or »; it asks no « where ». In the
        # question's clause only before an indefinite thing (« des sessions ou des animations ? »): « c'est nous
        # ou le Département ? » offers two answers, left to the checks below.
        told, comma, _ = (text or "").rpartition(",")
        said = normalise(told) if comma else ""
        if said:
            norm = norm.replace(said, _OR_BETWEEN.sub(" ", f" {said} ").strip(), 1)
        norm = _OR_INDEFINITE.sub(" ", f" {norm} ").strip()
    if norm.endswith(_CHECK_TAGS):
        return True  # « l'instance qui valide les dossiers se tient chaque mois, c'est exact ? »
    if norm.split()[:1] and norm.split()[0] in _VALUE_HEADS:
        return False  # « délai de préavis pour sortir de la convention ? »: a heading asks for the value it names
    last = normalise(re.split(r"[,;:]", text or "")[-1]).split()
    if last and set(last) <= _HOW_NOUNS:
        return False  # « on veut un deuxième serveur, démarche ? » asks how, with a noun
    if any(f" {phrase} " in f" {norm} " for phrase in ALTERNATIVE_PHRASES):
        return False  # « … au collège ou faut-il aller à Niort ? »: two answers offered, neither is « oui »
    if norm.startswith("est ce qu"):
        # « est-ce qu'un principal siège au GTI ? »: its « qu » opens nothing.
        return not set(norm.split()) & (OPEN_WORDS - {"qu", "que"})
    if (text or "").rstrip().endswith("?") and _inverted_check(text):
        return True
    words = norm.split()
    # « c'est à nous de décider comment sont faites les sauvegardes ? »: after a verb of choosing or knowing, the
    # question word opens an indirect question, the object of that verb; the question itself is closed.
    asked = {w for i, w in enumerate(words) if w in OPEN_WORDS and not (i and words[i - 1] in _INDIRECT_VERBS)}
    if asked & _QUE and not _asking_que(text):
        asked -= _QUE  # « un collègue dit qu'on a le droit…, c'est permis ? », « il faut que le collège paie ? »
    if asked == {"qui"} and only_relative_qui(text):
        asked = set()  # « … des tablettes qui ne sont pas au référentiel, le Département les dépannera ? »
    return (text or "").rstrip().endswith("?") and not asked


def without_check_tag(norm: str) -> str:
    """``norm`` (normalised) without the check tag it ends with: « …, ça suffit ou pas » negates nothing."""
    for tag in sorted(_CHECK_TAGS, key=len, reverse=True):
        if norm == tag or norm.endswith(f" {tag}"):
            return norm[:-len(tag)].strip()
    return norm


def by_tone_alone(text: str) -> bool:
    """A statement with a question mark, and nothing else that asks (« le switch de la salle 5 ne marche plus ? »):
    no question word, no « est-ce que », no inversion, no check tag. Said of a fault, it reports the fault."""
    stripped = (text or "").rstrip().rstrip("?").rstrip()
    return closed_question(text, False) and not closed_question(stripped, False) and not _inverted_check(text)


_QUE = frozenset({"qu", "que"})
_WHATEVER = re.compile(r"\b(?:quoi|qui|ou) que ce soit\b")
# Verbs whose object may be an indirect question (« décider comment », « choisir quel », « savoir où »).
_INDIRECT_VERBS = frozenset({"decider", "decide", "decidons", "decidez", "decident", "choisir", "choisit", "choisissons",
                             "choisissez", "choisissent", "definir", "definit", "definissons", "definissent",
                             "determiner", "determine", "fixer", "fixe", "fixent", "imposer", "impose", "imposent"})


def _asking_que(text: str) -> bool:
    """Whether a « que » of ``text`` asks: first in its clause (« que dit la convention ? », « qu'est-ce que… ») or
    « ce que » (« ce que paie le collège »), not the conjunction after a verb (« il dit qu'on peut… », « il faut
    que… ») nor « est-ce que », which opens a yes/no question."""
    for clause in re.split(r"[,;:.!?]", text or ""):
        words = normalise(clause).split()
        for i, word in enumerate(words):
            if word not in _QUE:
                continue
            if i == 0 or words[i - 1] in ("et", "mais", "alors", "donc", "ou"):
                return True
            if words[i - 1] == "ce" and not (i >= 2 and words[i - 2] == "est"):
                return True
    return False


# Words after which « qui » asks (« c'est qui », « à qui », « et qui ») rather than opens a relative clause.
_BEFORE_ASKING_QUI = frozenset({"c", "c'", "c'est", "c’est", "cest", "est", "est-ce", "ce", "et", "ou", "a", "à",
                                "de", "par", "pour", "avec", "chez", "aupres", "auprès", "vers", "sur", "qui", "mais",
                                "alors", "donc",
                                # adverbs, which no relative clause hangs on (« …, concrètement qui la réalise ? »)
                                "concretement", "concrètement", "finalement", "exactement", "actuellement",
                                "normalement", "maintenant", "ensuite", "puis", "bref", "sinon", "bon", "aujourd'hui",
                                "aujourd’hui", "coup", "fait", "final", "vrai", "precisement", "précisément",
                                # a negation, on a verb of knowing (« je comprends pas qui installe … »): the
                                # indirect question is what the writer asks
                                "pas", "plus"})


def qui_after_words(text: str) -> bool:
    """Whether every « qui » of ``text`` follows a word it could be the relative of: not after a comma, first in a
    sentence, or after a word that asks with it (« c'est qui », « à qui », « et qui »)."""
    words = re.findall(r"[\w'’-]+|[,;:.!?]", (text or "").lower())
    places = [i for i, w in enumerate(words) if w in ("qui", "ki")]
    return bool(places) and all(i > 0 and words[i - 1] not in _BEFORE_ASKING_QUI and words[i - 1][-1] not in ",;:.!?'’"
                                for i in places)


def only_relative_qui(text: str) -> bool:
    """Whether every « qui » of ``text`` opens a relative clause on the word just before it (« des tablettes qui ne
    sont pas au catalogue », « un fournisseur qui … »): :func:`qui_after_words`, and the parse agrees where needed."""
    if not qui_after_words(text):
        return False
    asking = re.split(r"[,;:.!?]", text.rstrip(" ?!"))[-1]
    if not {"qui", "ki"} & set(normalise(asking).split()):
        return True  # the relative clause is before the clause that asks
    if _CLEFT.search(normalise(asking)):
        return True  # « c'est nous qui décidons … ? », « c'est bien le Département qui paie ? »: a cleft, closed
    # In the clause that asks, the parse must agree (« dans les Deux-Sèvres qui pilote la gouvernance ? » asks,
    # though a noun comes before), and the relative must leave a verb of its own (« le nom du directeur qui figure
    # dans l'accord ? » asks for the name).
    doc = parsing.parse(text)
    whos = [t for t in doc if t.lower_ in ("qui", "ki")] if doc is not None else []
    return doc is not None and bool(whos) and all("acl:relcl" in (t.head.dep_, t.head.head.dep_) for t in whos) \
        and list(doc.sents)[-1].root.pos_ in ("VERB", "AUX")


# « c'est (bien) nous qui », « c'est le Département qui », « c'est bien les techniciens du CD qui »: one to four
# words between « c'est » and « qui », none of them a question word.
_CLEFT = re.compile(r"\bc est (?:bien |vraiment |pas )?(?!qui\b|ki\b|quoi\b|a qui\b)(?:\w+ ){1,4}?(?:qui|ki)\b")
_CONJUNCTION_QUE = re.compile(r"\b(sans|avant|parce|pour|apres|alors|bien|tant|pendant|des) qu(?:e)?\b")
# A verb with its subject pronoun after it (« assurera-t-il », « peut-elle », « doit-on »).
_INVERSION = re.compile(r"\w-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)


def _inverted_check(text: str) -> bool:
    """« si on achète des écrans qui ne sont pas au catalogue, le Département en assurera-t-il l'entretien ? »: the
    clause of the question mark asks by inversion and opens with no question word; a relative « qui » of another
    clause opens nothing. (« pourquoi le collège doit-il payer ? » stays open.)"""
    last = re.split(r"[,;:.!?]", text.rstrip(" ?!"))[-1]
    inversion = _INVERSION.search(last)
    return inversion is not None and not set(normalise(last[:inversion.start()]).split()) & OPEN_WORDS


_OR_INDEFINITE = re.compile(r"(?<=\w) ou (?=(?:un|une|des|du) )")
_OR_BETWEEN = re.compile(r"(?<=\w) ou (?=(?:le|la|les|l|un|une|des|du|nous|vous|eux|moi|lui|elle|elles) )")
_SUBORDINATE_WHEN = re.compile(r"(?<=\w) (?:quand|lorsqu|lorsque) (?=(?:ca|c|il|elle|on|le|la|les|l|j|je|nous|vous|ils|"
                               r"elles|un|une|des|mon|ma|mes|notre|nos) )")


# A tag that turns a statement into a check, whatever relative « qui » precedes it.
_CHECK_TAGS = ("c est exact", "c est vrai", "c est bien ca", "c est bien cela", "n est ce pas", "vrai ou faux",
               "tu confirmes", "vous confirmez", "je me trompe", "c est correct", "exact", "correct", "oui ou non",
               "oui ou pas", "il a raison", "elle a raison", "ils ont raison", "j ai raison", "c est juste",
               # « …, c'est le Département qui s'en charge, on est d'accord ? »
               # (not « d accord » alone: « … le principal était d accord » states an agreement)
               "on est d accord", "vous etes d accord", "tu es d accord", "on est bien d accord",
               # « … il siège au GTI ou pas ? »: « ou » there is « or », not « où ».
               "ou pas", "ou non")
# An opening that asks to confirm the statement after it (« on est d'accord que le collège ne doit pas y toucher ? »,
# « confirmez-vous que … ? »): the statement's own negation is the one asked about, as with a tag at its end.
CHECK_OPENINGS = ("on est d accord que", "on est d accord qu", "on est bien d accord que", "on est bien d accord qu",
                  "vous confirmez que", "vous confirmez qu", "confirmez vous que", "confirmez vous qu",
                  "tu confirmes que", "tu confirmes qu", "pouvez vous confirmer que", "pouvez vous confirmer qu",
                  "pouvez vous me confirmer que", "pouvez vous me confirmer qu", "vous me confirmez que",
                  "vous me confirmez qu", "je confirme que", "je confirme qu", "si je comprends bien",
                  "si j ai bien compris", "si j ai bien lu", "c est vrai que", "c est vrai qu", "est il vrai que",
                  "est il vrai qu")
# The tags that ask to confirm the statement before them (« on n'est pas obligés, si ? »), as polarity reads them:
# not the alternatives (« … ou pas ? » offers both answers).
STATEMENT_TAGS = tuple(t for t in _CHECK_TAGS if not t.startswith(("ou ", "oui ou"))) + (
    "c est ca", "si", "non", "hein", "ne me trompe pas", "j ai bien compris")


# Nouns that head a message asking for a value (« délai de préavis pour sortir ? », « horaires hotline ? »).
_VALUE_HEADS = frozenset({"delai", "delais", "preavis", "duree", "horaires", "horaire", "numero", "numeros", "adresse", "date",
                          "montant", "modalites", "coordonnees"})
# Words that open a question (who, which, how, how many, why, where, when, what): not a yes/no check.
# A last clause made only of these asks how (« …, démarche ? », « …, la marche à suivre ? »).
_HOW_NOUNS = frozenset({"demarche", "demarches", "procedure", "procedures", "marche", "a", "suivre", "etapes", "la",
                        "les", "le", "quelle", "quelles", "svp"})
OPEN_WORDS = {"qui", "ki", "quel", "quelle", "quels", "quelles", "comment", "combien", "cb", "pourquoi", "ou",
              "quand", "kan", "quoi", "que", "qu", "lequel", "laquelle", "lesquels", "lesquelles", "kel", "kelle"}
