"""Each page carries inline only the part of the stylesheet it uses.

The whole stylesheet is 2.7 KB compressed, more than half of a page on the wire; a page uses
0.8-1.1 KB of it. On 3G (50 KB/s) every KB is 20 ms before the first paint. So the template
inlines the whole sheet, and `trim_inline_style` (after_request, before compression) keeps only
the rules that can match the page: a rule stays when, for one of its selectors, every tag,
class and id it names occurs in the page (pseudo-classes, attribute selectors and what is
inside :not() are not looked at, so a rule is kept whenever in doubt; @media blocks are
filtered rule by rule; other at-rules always stay). The CSP allows exactly the text sent, by
its hash.

What the page gains later — an htmx fragment, a class set by a script, the next page of a
boosted navigation (whose <head> htmx does not swap) — is styled by the whole stylesheet,
which app.js links once the page has loaded (a versioned file: the phone's cache from then on,
and the service worker keeps it for offline pages).
"""
import base64
import hashlib
import re
from functools import lru_cache
from typing import NamedTuple

import tinycss2
from flask import g

TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
CLASSES = re.compile(r"""\sclass=["']?([^"'>]*)""")
IDS = re.compile(r"""\sid=["']?([^"'\s>]*)""")
STYLE_HASH = "page_style_hash"


class Rule(NamedTuple):
    needs: tuple  # one frozenset of tokens per selector; () for a rule always kept
    text: str
    inner: tuple = ()  # the rules inside an @media block


def _selector_needs(tokens) -> frozenset:
    """The tags (t), classes (c) and ids (i) one compound selector names outside functions
    and attribute brackets."""
    needs, previous = set(), None
    for token in tokens:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            needs.add(("c", token.value))
        elif token.type == "ident" and not (previous is not None and previous.type == "literal"
                                            and previous.value in (".", ":", "::")):
            needs.add(("t", token.value.lower()))
        elif token.type == "hash" and token.is_identifier:
            needs.add(("i", token.value))
        if token.type not in ("whitespace", "comment"):
            previous = token
    return frozenset(needs)


def _needs(prelude) -> tuple:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return tuple(_selector_needs(selector) for selector in selectors)


def parse(css: str) -> tuple:
    rules = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if node.type == "qualified-rule":
            rules.append(Rule(_needs(node.prelude), node.serialize()))
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content is not None:
            inner = parse(tinycss2.serialize(node.content))
            head = f"@media{tinycss2.serialize(node.prelude)}"
            rules.append(Rule((), head, inner))
        elif node.type == "at-rule":
            rules.append(Rule((), node.serialize()))
    return tuple(rules)


def _kept(rule: Rule, present: frozenset) -> bool:
    return not rule.needs or any(needs <= present for needs in rule.needs)


def _trim(rules: tuple, present: frozenset) -> str:
    out = []
    for rule in rules:
        if rule.inner:
            inner = _trim(rule.inner, present)
            if inner:
                out.append(f"{rule.text}{{{inner}}}")
        elif _kept(rule, present):
            out.append(rule.text)
    return "\n".join(out)


def tokens_in(html: str) -> frozenset:
    present = {("t", tag.lower()) for tag in TAG.findall(html)}
    for names in CLASSES.findall(html):
        present.update(("c", name) for name in names.split())
    present.update(("i", name) for name in IDS.findall(html))
    return frozenset(present)


@lru_cache(maxsize=4)
def _parsed(css: str) -> tuple:
    return parse(css)


def _mentioned(rules: tuple) -> frozenset:
    found = set()
    for rule in rules:
        for needs in rule.needs:
            found |= needs
        found |= _mentioned(rule.inner)
    return frozenset(found)


@lru_cache(maxsize=4)
def _vocabulary(css: str) -> frozenset:
    return _mentioned(_parsed(css))


@lru_cache(maxsize=512)
def _trimmed(css: str, present: frozenset) -> tuple[str, str]:
    text = _trim(_parsed(css), present)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return text, f"'sha256-{digest}'"


def trimmed(css: str, html: str) -> tuple[str, str]:
    """(the rules of `css` that can match `html`, the CSP source allowing exactly that text).
    Pages that use the same tags, classes and ids share one answer."""
    return _trimmed(css, tokens_in(html) & _vocabulary(css))


def trim_inline_style(response, whole_css: str):
    """after_request: replace the whole inline stylesheet of an HTML page by its trimmed copy."""
    g.pop(STYLE_HASH, None)  # g outlives a request where a test holds the app context
    if (response.mimetype != "text/html" or response.is_streamed or response.direct_passthrough
            or response.content_encoding):  # compressed: a kept page (page_cache), trimmed when made
        return response
    marker = f"<style>{whole_css}</style>"
    html = response.get_data(as_text=True)
    if marker not in html:
        return response
    text, source = trimmed(whole_css, html.replace(marker, "", 1))
    response.set_data(html.replace(marker, f"<style>{text}</style>", 1))
    setattr(g, STYLE_HASH, source)
    return response
