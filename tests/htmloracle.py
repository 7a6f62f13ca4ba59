"""The oracle: what a published page may contain, read from its HTML.

Every ``href``/``src``-like attribute must be http(s), mailto, relative or a
fragment (the one URL rule), and no link's text may read as an address on
another host than its ``href``; no element or attribute that runs script
or embeds another document may appear, beyond what a baseline page (the
theme alone) already has.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from html.parser import HTMLParser

from nova_priorities.hooks.urls import as_browser_reads, deceptive_text, url_problem

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "srcset",
    "xlink:href", "background", "cite", "longdesc", "manifest", "ping",
}  # fmt: skip
ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "style", "frame", "frameset",
    "applet", "base", "form", "meta", "link", "svg", "math",
}  # fmt: skip


class _Oracle(HTMLParser):
    def __init__(self, baseline: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.baseline = baseline
        self.found: list[str] = []
        self.links: list[tuple[str, list[str]]] = []  # open <a href>: its text

    def handle_data(self, data: str) -> None:
        for _, text in self.links:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, text = self.links.pop()
            why = deceptive_text("".join(text), href)
            if why is not None:
                self.found.append(f"<a href={href!r}>: {why}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs).get("href") or "", []))
        shown = element(tag, attrs)
        if tag in ACTIVE_TAGS and shown not in self.baseline:
            self.found.append(f"element {shown}")
        for name, given in attrs:
            value = given or ""
            if name.startswith("on"):
                self.found.append(f"event attribute {name}={value!r} in <{tag}>")
            if name in URL_ATTRIBUTES and url_problem(value) is not None:
                self.found.append(f"{name}={value!r} in <{tag}>")
            if "javascript:" in as_browser_reads(value).lower():
                self.found.append(f"{name}={value!r} in <{tag}>")


def element(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """How an element is compared with the baseline. A theme's ``<link>`` is
    known by its ``rel`` (next and prev point elsewhere on each page);
    every URL is checked by the URL rule whatever the baseline says."""
    if tag == "link":
        attrs = [(k, v) for k, v in attrs if k == "rel"]
    return f"<{tag} " + " ".join(f"{k}={v!r}" for k, v in sorted(attrs)) + ">"


def baseline_elements(html: str) -> set[str]:
    """The active elements of a page with nothing of ours on it."""
    found: set[str] = set()

    class _Collect(HTMLParser):
        def handle_starttag(
            self, tag: str, attrs: list[tuple[str, str | None]]
        ) -> None:
            if tag in ACTIVE_TAGS or any(n in URL_ATTRIBUTES for n, _ in attrs):
                found.add(element(tag, attrs))

    _Collect().feed(html)
    return found


def violations(html: str, baseline: AbstractSet[str] = frozenset()) -> list[str]:
    """What the oracle refuses in ``html``."""
    oracle = _Oracle(set(baseline))
    oracle.feed(html)
    oracle.close()
    return oracle.found
