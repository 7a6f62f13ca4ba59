"""Tables and links read back from the HTML that Sphinx writes."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, list[str]]]]] = []
        self._cell: tuple[list[str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ([], [])
        elif tag == "a" and self._cell is not None:
            self._cell[1].append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell[0]).split())
            self.tables[-1][-1].append((text, self._cell[1]))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[0].append(data)


def tables(html: str) -> list[list[list[tuple[str, list[str]]]]]:
    """Every table: rows of cells, each cell (text, [hrefs])."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def ids(html: str) -> list[str]:
    """Every id attribute in the page, duplicates included."""
    found: list[str] = []

    class _Ids(HTMLParser):
        def handle_starttag(
            self, tag: str, attrs: list[tuple[str, str | None]]
        ) -> None:
            found.extend(value for name, value in attrs if name == "id" and value)

    _Ids().feed(html)
    return found
