"""Which rules of the stylesheet a page keeps inline (webapp/shell/page_style.py)."""
from webapp.shell.page_style import trimmed

CSS = """[hidden]{display:none!important}
:root{--green:#1f6f43}
*{box-sizing:border-box}
body{margin:0}
h1{font-size:1.35rem}
.card{padding:1rem}
details.card>summary{font-weight:600}
.btn,.link{min-height:44px}
.people>li>a:not(.btn){display:flex}
.tile input:checked+span{color:red}
#who{display:none}
@media (min-width:1024px){.desk{display:grid}.card{margin:0}}
@keyframes pulse{from{opacity:1}to{opacity:.5}}
"""


def kept(html: str) -> str:
    return trimmed(CSS, html)[0]


def test_rules_that_need_nothing_are_always_kept():
    text = kept("<body><p>hi</p></body>")
    assert "[hidden]" in text and ":root" in text and "*{" in text and "body{" in text
    assert "@keyframes pulse" in text


def test_a_rule_stays_only_when_every_tag_and_class_of_one_selector_is_on_the_page():
    assert ".card{" not in kept("<body><p>hi</p></body>")
    assert ".card{" in kept('<body><div class="x card">hi</div></body>')
    assert "details.card>summary" not in kept('<body><div class="card">hi</div></body>')
    assert "details.card>summary" in kept('<body><details class="card"><summary>s</summary></details></body>')
    assert ".btn,.link" in kept('<body><button class="link">x</button></body>')  # one selector is enough


def test_what_is_inside_not_and_pseudo_classes_never_removes_a_rule():
    assert ":not(.btn)" in kept('<body><ul class="people"><li><a href="/">a</a></li></ul></body>')
    assert ":checked+span" in kept('<body><label class="tile"><input><span>s</span></label></body>')


def test_media_blocks_keep_only_their_rules_the_page_uses():
    assert "@media" not in kept("<body><p>hi</p></body>")
    text = kept('<body><div class="card">hi</div></body>')
    assert "@media (min-width:1024px){.card{margin:0}}" in text and ".desk" not in text


def test_ids_count_and_the_hash_names_the_text_sent():
    import base64
    import hashlib

    text, source = trimmed(CSS, '<body><div id="who"></div></body>')
    assert "#who{" in text and "#who{" not in kept("<body></body>")
    assert source == f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
