"""One namespace per release where a directive shows its sections.

On a generated page the names a description defines (``.. _spec: url``,
``` `spec <url>`_ ```) and the section titles share the page with one
release's others only, and ``validate`` keeps them unique there. A page of
the docs may show several releases, whose descriptions reuse names ("spec"
with another URL, "Cells v2" again): docutils would warn about duplicate
targets or ambiguous references. So the references of one release's
sections are resolved among themselves as soon as they are parsed, and the
names they define are then taken out of the document: they belong to that
release, not to the page (nor, as Sphinx labels, to the project).
"""

from __future__ import annotations

from docutils import nodes

from ..hooks.model import normalize_name


def resolve_within(
    container: nodes.Element, document: nodes.document, titles: dict[str, str]
) -> None:
    """Resolve the references in ``container`` to the targets it defines
    and to ``titles`` (normalized title -> section id), then forget the
    names it defines."""
    targets = {
        name: node for node in container.findall(nodes.target) for name in node["names"]
    }
    for reference in list(container.findall(nodes.reference)):
        name = reference.get("refname")
        if name is None:
            continue
        target = targets.get(name)
        if target is not None and "refuri" in target:
            reference["refuri"] = target["refuri"]
        elif target is not None and target["ids"]:
            reference["refid"] = target["ids"][0]
        elif normalize_name(name) in titles:
            reference["refid"] = titles[normalize_name(name)]
        else:
            continue  # not the release's: docutils resolves it, or says why
        del reference["refname"]
        waiting = document.refnames.get(name, [])
        if reference in waiting:
            waiting.remove(reference)
    for target in targets.values():
        for name in target["names"]:
            document.nameids.pop(name, None)
            document.nametypes.pop(name, None)
        target["names"] = []
