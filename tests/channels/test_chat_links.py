"""The web chat turns phone numbers of a reply into tel: links, and never a URL (which can only come from
a user's own text echoed back, e.g. in a recap). Runs chat.js's function in Node with a minimal DOM."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHAT_JS = Path(__file__).resolve().parents[2] / "bot" / "channels" / "web" / "static" / "chat.js"

HARNESS = """
const nodes = [];
global.document = {
  createElement: (tag) => { const n = {tag, attrs: {}, textContent: "", className: "",
                                     setAttribute(k, v) { this.attrs[k] = v; }}; return n; },
  createTextNode: (text) => ({tag: "#text", textContent: text}),
};
const parent = {children: [], appendChild(n) { this.children.push(n); }};
%s
appendLinkified(parent, %s);
console.log(JSON.stringify(parent.children.map(n => ({tag: n.tag, text: n.textContent, href: n.attrs && n.attrs.href}))));
"""


def linkify(text: str) -> list[dict]:
    source = CHAT_JS.read_text(encoding="utf-8")
    parts = [re.search(r"  function el\(tag, attrs, text\) \{.*?\n  \}\n", source, re.S).group(0),
             re.search(r"  var LINKABLE = .*?;\n", source).group(0),
             re.search(r"  function appendLinkified\(parent, text\) \{.*?\n  \}\n", source, re.S).group(0)]
    result = subprocess.run(["node", "-e", HARNESS % ("\n".join(parts), json.dumps(text))],
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not installed")
def test_urls_stay_text_and_phone_numbers_become_tel_links():
    nodes = linkify("Votre description : voir https://evil.example/phish — appelez le 05.49.06.63.60")
    links = [n for n in nodes if n["tag"] == "a"]
    assert links == [{"tag": "a", "text": "05.49.06.63.60", "href": "tel:+33549066360"}]
    assert "https://evil.example/phish" in "".join(n["text"] for n in nodes if n["tag"] == "#text")
