"""The one terminal-escaping function (python -m bot tickets / unanswered): what it hides, what it keeps."""
from __future__ import annotations

import pytest

from bot.__main__ import main as bot_main
from bot.cli.terminal import escape


@pytest.mark.parametrize("hostile, shown", [
    ("\x1b[2Jeffacé", "\\x1b[2Jeffacé"),                      # terminal escape sequence
    ("facture\u202etxt.exe", "facture\\u202etxt.exe"),          # right-to-left override
    ("\u2066isolé\u2069", "\\u2066isolé\\u2069"),                # bidi isolates (the CLI's old list had them,
    ("\u200fmarque", "\\u200fmarque"),                          # the unanswered list's isprintable() too)
    ("mot\u00adcoupé", "mot\\xadcoupé"),                        # soft hyphen: invisible, was printed as is
    ("mot\u2060joint", "mot\\u2060joint"),                      # word joiner: same
    ("a\u2028b", "a\\u2028b"),                                  # line separator
    ("\ufeffdébut", "\\ufeffdébut"),                            # BOM / zero-width no-break space
    ("\U000e0041tag", "\\U000e0041tag"),                        # tag character (Cf, outside the BMP)
])
def test_every_control_format_or_bidi_character_is_shown_escaped(hostile, shown):
    assert escape(hostile) == shown


def test_french_text_prints_as_it_is():
    text = "L'écran du CDI ne s'allume plus\u00a0: « urgent »\u202f! Œuvre, ça, à."
    assert escape(text) == text


def test_newlines_are_escaped_unless_kept():
    assert escape("ligne 1\nligne 2") == "ligne 1\\x0aligne 2"
    assert escape("ligne 1\nligne 2", keep_newlines=True) == "ligne 1\nligne 2"
    assert escape(None) == ""


def test_the_unanswered_list_uses_it(monkeypatch, tmp_path, capsys):
    from helpdesk.unanswered import UnansweredStore

    monkeypatch.setenv("FEEDBACK_DATABASE_URL", f"sqlite:///{tmp_path / 'feedback.db'}")
    UnansweredStore().record("u1", "qui paie\u2066 le wifi\u2069 ?\x1b[2J", "no_answer", "ask_responsibility", 0.4, None)
    assert bot_main(["unanswered"]) == 0
    out = capsys.readouterr().out
    assert "\\u2066" in out and "\\x1b" in out and "\u2066" not in out and "\x1b" not in out
