"""The page policy: the hashes of a page's own inline scripts, never those loaded by `src`,
and no header injection through a forged Host."""

import base64
import hashlib

from patt_app.api.browser_defences import inline_script_hashes, page_policy


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_scripts_are_hashed_once_each():
    html = (
        '<script>window.a = 1;</script><script type="module" src="/assets/x.js"></script>'
        "<SCRIPT id=r>go()</SCRIPT><script>window.a = 1;</script>"
    )
    assert inline_script_hashes(html) == [_sha("window.a = 1;"), _sha("go()")]


def test_the_policy_names_the_pages_scripts_and_forbids_framing():
    policy = page_policy("<script>go()</script>", "patt.example.org").decode()
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert _sha("go()") in script_src and "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "wss://patt.example.org" in policy


def test_a_forged_host_adds_nothing_to_the_policy():
    policy = page_policy("", "evil.example; script-src *").decode()
    assert "evil" not in policy and "script-src *" not in policy
