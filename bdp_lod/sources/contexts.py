"""JSON-LD contexts of an uploaded document, resolved without a network request.

rdflib's JSON-LD parser fetches every context it is given as a URL (``"@context": "http://…"``,
an IRI in a context array, a scoped ``@context`` inside a term definition, ``@import``). Reading
an upload must never make a request on the upload's behalf: the server that answers learns who
validates what and when, can answer slowly or with gigabytes, and can make the same file mean
different triples on different days. So before rdflib sees the document, every context in it is
replaced or refused here: the project's own context (`CONTEXT_URL`) by the copy shipped with the
package, any other remote reference by an `InputError` naming the file and the URL.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, NoReturn

from ..errors import InputError
from ..vocab import CONTEXT_URL, data_file
from .depth import check_depth

__all__ = ["offline_document", "offline_jsonld"]


@cache
def _own_context() -> Any:
    """The ``@context`` value of the shipped ``vocab/context.jsonld``."""
    shipped = json.loads(data_file("vocab", "context.jsonld").read_text(encoding="utf-8"))
    return shipped["@context"]


def offline_jsonld(text: str, *, file: str) -> str:
    """A JSON-LD text as rdflib may parse it: depth-checked, every context inlined or refused.

    Raises `InputError` for what this module refuses; `json.JSONDecodeError` is left to the
    caller, which knows how to locate it for its kind of file.
    """
    check_depth(text, file=file, kind="JSON-LD")
    return json.dumps(offline_document(json.loads(text), file=file))


def offline_document(document: Any, *, file: str) -> Any:
    """``document`` with the project's context inlined wherever it is referenced; `InputError`
    for any other context given by reference.

    The document must be of bounded depth (`bdp_lod.sources.depth`): this walk recurses.
    """
    return _Walk(file).value(document)


class _Walk:
    def __init__(self, file: str) -> None:
        self.file = file

    def value(self, value: Any) -> Any:
        """A node, list or scalar of the document, every ``@context`` it holds made offline."""
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {
                key: self.context(item) if key == "@context" else self.value(item)
                for key, item in value.items()
            }
        return value

    def context(self, context: Any) -> Any:
        """A ``@context`` value: a reference, an array of contexts, ``null`` or a context object."""
        if isinstance(context, str):
            return self.reference(context)
        if isinstance(context, list):
            return [self.context(item) for item in context]
        if isinstance(context, dict):
            return {key: self.definition(key, item) for key, item in context.items()}
        return context

    def definition(self, key: str, item: Any) -> Any:
        """One entry of a context object; a term definition may carry a scoped ``@context``."""
        if key == "@import":
            if isinstance(item, str):
                self.refuse(item)
            return item
        if isinstance(item, dict):
            return {k: self.context(v) if k == "@context" else v for k, v in item.items()}
        return item

    def reference(self, url: str) -> Any:
        if url == CONTEXT_URL:
            return _own_context()
        self.refuse(url)

    def refuse(self, url: str) -> NoReturn:
        raise InputError(
            f"remote JSON-LD context {url} refused: bdp-lod never fetches what an input names "
            f"(only {CONTEXT_URL} is known, from the package)",
            file=self.file,
            pl=f"odrzucono zdalny kontekst JSON-LD {url}: bdp-lod nigdy nie pobiera tego, co wskazuje plik "
            f"wejściowy (znany jest tylko {CONTEXT_URL}, z pakietu)",
        )
