"""``validate --previous``: a record that would rename a practice of the previous edition.

A practice without an ``id`` is named by its title's slug and its date (docs/design.md §3), so
correcting a typo in a title would give it a new IRI and break every link to the old one. The
previous edition's practices are known by their ``source_url`` and their ``id``
(`PreviousNames`, read by `bdp_lod.publish.previous.read_previous`); a record with the same
``source_url`` (or ``id``) whose IRI comes out different gets a warning that names the old IRI
and the ``id`` that keeps it. Publishing anyway retires the old IRI as renamed (``301``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import codes
from ..findings import Finding
from ..model import SourcedPractice
from ..uris import Uris

__all__ = ["PreviousNames", "rename_findings"]


@dataclass(frozen=True)
class PreviousNames:
    """The previous edition's practices: source URL → IRI, and ``id`` → IRI."""

    by_source: Mapping[str, str]
    by_id: Mapping[str, str]


def rename_findings(records: Iterable[SourcedPractice], previous: PreviousNames, uris: Uris) -> list[Finding]:
    """A ``record.renamed`` warning for each record whose practice would change its IRI."""
    out: list[Finding] = []
    root = f"{uris.base}id/practice/"
    for record in records:
        practice, origin = record.practice, record.origin
        iri = uris.practice(practice)
        candidates = (("id", practice.id, previous.by_id), ("source_url", practice.source_url, previous.by_source))
        for field, value, known in candidates:
            old = known.get(value) if value else None
            if old is None or old == iri:
                continue
            out.append(codes.RECORD_RENAMED.finding(
                field=field, value=value, matched=field, old=old, new=iri, key=old[len(root):],
            ).at(file=origin.file, record_index=origin.index, record_id=practice.id, line=origin.line))
            break
    return out
