"""A published folder read back as what the site needs: each subject's triples, in one order.

The site is built from the files a publication holds, never from the records again, so
``bdp-lod site`` can add it to any published folder. The data dump (``bdp.nt``, millions of
lines at 100,000 practices) is streamed: the project's own N-Triples writer sorts it by subject,
so a subject's lines arrive together, and `bdp_lod.serialize.blocks.read_ntriples` reads them with
no RDF parser and no graph. The small files (catalog, VoID, vocabulary) are parsed whole and
merged into the same order: subjects by ``<iri>`` as they sort in N-Triples.

Two readings: `subjects` for the census (each subject's triples, literals only where it looks
at them) and `stated` for the descriptions (each subject's triples and its lines as the dump
holds them, so its N-Triples and Turtle documents are not formatted again from the triples).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Final

from rdflib import Graph

from ..serialize.blocks import XSD_STRING, Block, Lit, Row, nt_line, read_ntriples, rows_of, subject_block

__all__ = ["DATA", "DESCRIBED_FILES", "OMITTED", "SMALL_FILES", "Stated", "stated", "subjects"]

DATA = "bdp.nt"
SMALL_FILES = {"catalog.ttl": "turtle", "void.ttl": "turtle", "vocab.ttl": "turtle"}
DESCRIBED_FILES = (DATA, *SMALL_FILES)
"""The files of a published folder whose IRIs the site describes: the data, its catalog and
VoID, and the vocabulary (concept schemes included)."""

Subject = tuple[str, list[Row]]
Stated = tuple[str, list[Row], Block]
"""A subject, its triples, and their N-Triples lines (sorted, one of each)."""

OMITTED: Final = Lit("", None, XSD_STRING)
"""The object of a dump's literal line left unparsed (`subjects` with ``literals``)."""


def _key(subject: Subject | Stated) -> str:
    """The order of N-Triples lines: ``<x/1>`` and ``<x-2>`` before ``<x>`` ('/' and '-' sort
    before '>'), so the subjects whose IRIs start alike arrive together."""
    return subject[0] + ">"


def _grouped(rows: Iterator[Row]) -> Iterator[Subject]:
    for subject, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield subject, list(group)


def _subject_of(line: str) -> str:
    """The subject of a dump's line; ``""`` for a line of no triple (a blank one), which the
    readers skip: testing each of millions of lines for blank before grouping cost more than
    the grouping."""
    cut = line.find("> ")
    return line[1:cut] if cut > 0 else ""


def _rows(lines: Iterable[str], literals: Collection[str]) -> Iterator[Row]:
    """`read_ntriples` of the lines, but a literal object only where the predicate is one of
    ``literals``: a practice's description, goals and dates are most of the dump's text, and
    unescaping them was most of the census's reading."""
    for line in lines:
        cut = line.find("> ")
        if cut < 0:
            continue  # a blank line
        end = line.index("> ", cut + 2)
        if line[end + 2] == "<":
            yield line[1:cut], line[cut + 3:end], line[end + 3:line.rindex(">")]
        elif line[cut + 3:end] in literals:
            yield from read_ntriples((line,))
        else:
            yield line[1:cut], line[cut + 3:end], OMITTED


def _lines(folder: Path) -> Iterator[str]:
    path = folder / DATA
    if path.is_file():
        with path.open(encoding="utf-8") as lines:
            yield from lines


def _data(folder: Path, literals: Collection[str]) -> Iterator[Subject]:
    return _grouped(_rows(_lines(folder), literals))


def _small_rows(folder: Path) -> list[Row]:
    rows: list[Row] = []
    for name, fmt in SMALL_FILES.items():
        if (folder / name).is_file():
            rows.extend(rows_of(Graph().parse(folder / name, format=fmt)))
    rows.sort(key=lambda row: row[0] + ">")
    return rows


def _stated_data(folder: Path, keep: Callable[[str], bool] | None) -> Iterator[Stated]:
    """The dump's subjects: the project's N-Triples writer wrote each subject's lines sorted and
    once each, so they are its block as they stand (a last line without its newline gets one)."""
    for subject, group in itertools.groupby(_lines(folder), key=_subject_of):
        if subject and (keep is None or keep(subject)):
            lines = list(group)
            text = "".join(lines)
            if text[-1] != "\n":
                text += "\n"
            yield subject, list(read_ntriples(lines)), Block(f"<{subject}>", text.encode("utf-8"))


def _stated_small(folder: Path, keep: Callable[[str], bool] | None) -> Iterator[Stated]:
    """The small files' subjects, each in the dump's form: its triples once each, in the order
    of its lines (a subject of two files, the dataset, arrives with its triples twice)."""
    for subject, rows in _grouped(iter(_small_rows(folder))):
        if keep is None or keep(subject):
            yield subject, sorted(set(rows), key=nt_line), subject_block(subject, rows)


def subjects(folder: Path, *, literals: Collection[str]) -> Iterator[Subject]:
    """Every subject of the published graphs with its triples, ordered as N-Triples lines sort;
    a subject that two files describe comes once from each. The dump's literal objects of
    every predicate but ``literals`` are `OMITTED`: what the census reads
    (`bdp_lod.site.census.LABELS`), which never looks at the others."""
    small = _grouped(iter(_small_rows(folder)))
    return heapq.merge(_data(folder, literals), small, key=_key)


def stated(folder: Path, keep: Callable[[str], bool] | None = None) -> Iterator[Stated]:
    """Every subject of the published graphs with its triples and their lines, in the order of
    `subjects`; with ``keep``, only the subjects it keeps: the dump's lines of the others are
    skipped unparsed."""
    return heapq.merge(_stated_data(folder, keep), _stated_small(folder, keep), key=_key)
