"""XML written with its default namespace given for the one call, never registered for the whole process.

``ElementTree.register_namespace("", uri)`` is global: the ALTO and hOCR
writers each took the default namespace for their own, and an OAI-PMH answer
written after them in the same process came out in ``ns0:`` prefixes.
ElementTree's own ``default_namespace`` option refuses unprefixed attributes
(every one of ALTO's), so the tree is written with its default namespace's
elements unqualified under one ``xmlns`` declaration instead. Prefixed
namespaces (``xsi``, ``dc``, ``mets``) mean the same to every writer and stay
registered by the modules that use them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET


def to_string(root: ET.Element, default_namespace: str, **options: object) -> str | bytes:
    """``root`` serialized as ``ElementTree.tostring(root, **options)`` does, its elements in ``default_namespace``
    unprefixed; ``root`` itself is left as it was."""
    qualified = f"{{{default_namespace}}}"

    def unqualified(element: ET.Element) -> ET.Element:
        tag = element.tag.removeprefix(qualified) if isinstance(element.tag, str) else element.tag
        copy = ET.Element(tag, element.attrib)
        copy.text, copy.tail = element.text, element.tail
        copy.extend(unqualified(child) for child in element)
        return copy

    written = unqualified(root)
    written.attrib = {"xmlns": default_namespace, **written.attrib}
    return ET.tostring(written, **options)  # type: ignore[arg-type]
