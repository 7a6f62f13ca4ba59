"""The one rule for every URL that can reach a published page.

A URL may be http, https or mailto (schemes are case-insensitive), or
relative: no scheme and no leading ``//`` (which browsers read as another
host). Everything else (``javascript:``, ``data:``, ``vbscript:``,
``file:``...) is refused, however it is written: browsers drop tabs and
line breaks anywhere in a URL and leading spaces and control characters,
and read ``\\`` as ``/``, so the rule looks at the URL as a browser would.

It is applied to ``links[].url`` (whose schema pattern says the same, a
test holds them together) and to every reference and target docutils
builds from a description.

A second rule, :func:`deceptive_text`, is about what a link shows: a text
that reads as an address must be on the host the link goes to (a mail
address: the address it writes to). It is applied to the same references,
to ``links[].title`` and to owners' names, which the page links to
Launchpad.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BROWSER_DROPS = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")


def as_browser_reads(url: str) -> str:
    """``url`` as a browser parses it: tabs and line breaks dropped, leading
    spaces and control characters stripped, backslashes as slashes."""
    return _LEADING.sub("", _BROWSER_DROPS.sub("", url)).replace("\\", "/")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be published, or None when it may."""
    seen = as_browser_reads(url)
    scheme = _SCHEME.match(seen)
    if scheme is not None:
        if scheme.group(1).lower() in ALLOWED_SCHEMES:
            return None
        return (
            f"the URL {_short(url)} uses the scheme '{scheme.group(1)}:'; only "
            "http, https and mailto links, or relative ones, may be published"
        )
    if seen.startswith("//"):
        return (
            f"the URL {_short(url)} starts with '//', which names another host; "
            "write https://host/... or a relative path"
        )
    return None


# Text a reader takes for an address, no spaces: a host with a scheme; or,
# without one, a host starting www., of three names or more, or with a
# path (not a file name such as nova.conf or a library such as oslo.db).
_HOST = r"((?:[\w-]+\.)+[^\W\d_]{2,})\.?(?::\d+)?"
_ADDRESS = re.compile(
    rf"https?://{_HOST}(?:[/?#]\S*)?"
    rf"|(?=www\.|(?:[\w-]+\.){{2}}){_HOST}(?:[/?#]\S*)?"
    rf"|{_HOST}[/?#]\S*",
    re.IGNORECASE,
)
# ... or for a mail address, with mailto: or not
_MAIL = re.compile(r"(?:mailto:)?([^\s@:/]+@(?:[\w-]+\.)+[^\W\d_]{2,})", re.IGNORECASE)


def deceptive_text(text: str, url: str) -> str | None:
    """Why a link showing ``text`` may not go to ``url``: the text reads as
    an address on another host than the link's, or as a mail address the
    link does not write to (what a reader checks before clicking); or None."""
    mail = _MAIL.fullmatch(text.strip())
    if mail is not None:
        return _deceptive_mail(text, mail.group(1), url)
    shown = _ADDRESS.fullmatch(text.strip())
    if shown is None:
        return None
    host = next(h for h in shown.groups() if h)
    from urllib.parse import urlsplit

    try:
        target = urlsplit(as_browser_reads(url)).hostname
    except ValueError:  # an address no browser could open: not this rule's
        return None
    if target is None or _same_host(host, target):
        return None
    return (
        f"the link text {_short(text)} reads as an address on {host.lower()}, "
        f"but the link goes to {target}; show the address it goes to, or words"
    )


def _deceptive_mail(text: str, address: str, url: str) -> str | None:
    seen = as_browser_reads(url)
    scheme, _, rest = seen.partition(":")
    target = rest.split("?")[0] if scheme.lower() == "mailto" else seen
    if target.lower() == address.lower():
        return None
    return (
        f"the link text {_short(text)} reads as the mail address {address}, but "
        f"the link goes to {_short(target)}; show the address it goes to, or words"
    )


def _same_host(one: str, other: str) -> bool:
    def plain(host: str) -> str:
        return host.lower().rstrip(".").removeprefix("www.")

    return plain(one) == plain(other)


def _short(url: str) -> str:
    text = repr(url)
    return text if len(text) <= 60 else text[:55] + "..." + text[-4:]


def relative_path(url: str) -> str | None:
    """The path a relative URL names (decoded, without query and fragment),
    or None for an absolute URL, a path from the host's root (``/x``), or
    one that stays on the page (``#section``)."""
    seen = as_browser_reads(url)
    if _SCHEME.match(seen) or seen.startswith("/"):
        return None
    from urllib.parse import unquote, urlsplit  # most links are absolute

    path = urlsplit(seen).path
    return unquote(path) if path else None
