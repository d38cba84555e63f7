"""Publication: validated records → a folder of dumps, catalog, VoID and checksums.

``publish(inputs, out_dir)`` is the library call behind ``bdp-lod publish`` (docs/design.md §4):

1. validate the inputs (`bdp_lod.validation.validate`: JSON Schema, TERC, SHACL); on any
   violation it returns the report and writes nothing at all, not even a temporary folder,
   unless ``skip_invalid`` asks to publish the valid part (`bdp_lod.publish.left_out`);
2. take the records validation read and resolved (an RDF input is read once more, as records:
   validation checks it as a graph) and, with ``redact_contacts``, leave the people out of the
   contacts (`bdp_lod.redact`);
3. write the three dumps in one pass over the practices (`bdp_lod.publish.writing`); no RDF
   graph of the data is ever built;
4. gzip and hash the dumps in background threads while the next dump is written (zlib and
   hashlib release the GIL);
5. describe the release (``catalog.ttl``, ``void.ttl``, ``dane-gov-pl.xml`` and its ``.md5``),
   copy the vocabulary, shapes and context, with ``skip_invalid`` add the validation report
   and ``left-out.txt``, list every file in ``SHA256SUMS``;
6. swap the folder into place (`bdp_lod.publish.folder`).

Graph Store upload (`bdp_lod.store`) works on the folder this writes.
"""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from rdflib.term import Node

from ..findings import Finding
from ..model import Practice, SourcedPractice
from ..redact import redact_contacts as redact
from ..serialize import RdfFormat, serialize
from ..sources import INPUT_KINDS, input_files
from ..validation import Report
from ..parallel import available_workers
from ..records import prepare
from ..spilled_records import Mapped, SpilledRecords
from ..uris import Uris
from ..validation import check_records, validate
from ..validation.shapes import PRODUCT_SHAPES
from ..vocab import data_file, vocabulary_graph
from .catalog import catalog_graph
from .dane_gov_pl import dane_gov_pl_xml
from .editions import Edition
from .folder import CHECKSUMS, OutputFolder, gzip_file, sha256sums
from .left_out import LeftOut, Omissions, select_valid
from .previous import read_previous
from .release import DataSummary, DumpFile, PublishOptions
from .void import void_graph
from .writing import CONTEXT, DUMPS, write_dumps

__all__ = ["DUMPS", "PublishOptions", "PublishResult", "publish"]

CATALOG, VOID, DANE_GOV_PL, DANE_GOV_PL_MD5 = "catalog.ttl", "void.ttl", "dane-gov-pl.xml", "dane-gov-pl.md5"
"""dane.gov.pl looks for the checksum at the XML's address with ``.md5`` for ``.xml``."""
VOCABULARY, SHAPES = "vocab.ttl", "shapes.ttl"

Progress = Callable[[str], None]
"""Called with a file's name each time a file is complete in the working folder."""


@dataclass(frozen=True)
class PublishResult:
    """What a run did: the folder and files written, or the report that stopped it."""

    out_dir: Path | None
    """The folder written, or None when violations stopped the run."""
    report: Report
    """The validation report: every finding, warnings included."""
    files: tuple[str, ...] = ()
    """Names of the files in the folder, sorted."""
    summary: DataSummary | None = None
    left_out: tuple[LeftOut, ...] = ()
    """With ``skip_invalid``: the records left out of the folder (or of every folder, when
    ``out_dir`` is None because no record was valid)."""
    timings: Mapping[str, float] = field(default_factory=dict)
    """Seconds per phase: ``validate`` (reading the records included), ``read`` (RDF inputs
    read again as records, and redaction), then ``write`` (all the rest), made of
    ``bdp.jsonld`` (mapping included), ``bdp.nt``, ``bdp.ttl+summary``, ``compress``,
    ``edition`` (the change set and the files of an edition), ``describe`` and ``commit``;
    with ``skip_invalid``, ``select`` (the checks of the kept records) comes after ``read``;
    ``previous`` is reading the previous edition (``previous=``), before validation. For
    benchmarks; never written to a file."""

    @property
    def ok(self) -> bool:
        return self.out_dir is not None

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings


def publish(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    options: PublishOptions | None = None,
    gzip: bool = False,
    redact_contacts: bool = False,
    encoding: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    extend: Callable[[Path], object] | None = None,
    skip_invalid: bool = False,
    report_lang: str = "en",
    previous: str | os.PathLike[str] | None = None,
) -> PublishResult:
    """Validate ``inputs`` and, when nothing is a violation, publish them into ``out_dir``.

    ``extend`` is called with the finished working folder before it replaces ``out_dir``, so
    what it adds (the Linked Data site of `bdp_lod.site`) lands in the same atomic swap; the
    layers stay one-way because publish is handed the writer and never imports it.

    ``skip_invalid`` publishes the records no violation names instead of nothing
    (`bdp_lod.publish.left_out.select_valid`) and adds the validation report, in
    ``report_lang``, and the list of left-out records to the folder; the result's ``left_out``
    names them, and ``out_dir`` is None when none is valid.

    Raises `bdp_lod.errors.InputError` when an input cannot be read or ``out_dir`` cannot be
    replaced (it exists and holds something other than a previous publication); both are
    checked before any work. ``workers`` caps the processes that validate and map the practices
    (all cores by default); the files are the same whatever it is.

    ``previous``, a published folder, makes this publication its next edition
    (`bdp_lod.publish.editions`); it is read and checked before any work as well.
    """
    options = options or PublishOptions()
    inputs = list(inputs)
    OutputFolder.check(out_dir)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    before = read_previous(previous, options.base_uri) if previous is not None else None
    timings["previous"] = time.perf_counter() - started
    cores = available_workers() if workers is None else max(1, workers)
    started = time.perf_counter()
    read = SpilledRecords()
    report = validate(inputs, encoding=encoding, base_uri=options.base_uri, workers=cores, records=read,
                      previous=before.names if before else None)
    timings["validate"] = time.perf_counter() - started
    if report.exit_code(strict=False) != 0 and not skip_invalid:
        return PublishResult(out_dir=None, report=report, timings=timings)
    started = time.perf_counter()
    records = _records(inputs, read, encoding=encoding, base_uri=options.base_uri, workers=cores)
    del read
    timings["read"] = time.perf_counter() - started
    omissions: Omissions | None = None
    left_out: tuple[LeftOut, ...] = ()
    if skip_invalid:
        started = time.perf_counter()
        check = partial(check_records, base_uri=options.base_uri, workers=cores)
        selection = select_valid(report, records, check, uris=Uris(options.base_uri))
        timings["select"] = time.perf_counter() - started
        report, records, left_out = selection.report, selection.kept, selection.left_out
        if not records:
            return PublishResult(out_dir=None, report=report, left_out=selection.left_out, timings=timings)
        omissions = Omissions.published(selection.left_out, report, report_lang)
    started = time.perf_counter()
    # The dates are read only without --modified (one pass over the records), never redacted for it.
    edition = Edition.follow(before, options, (r.practice.date_added for r in records)) if before else None
    options = edition.options(options) if edition else options
    practices: Sequence[Practice] = Mapped(_practice, records)  # read from disk as the workers map them
    iris = records.iris if isinstance(records, SpilledRecords) else None  # validation named them
    del records
    if redact_contacts:
        practices = Mapped(redact, practices)
    timings["read"] += time.perf_counter() - started
    writing = time.perf_counter()

    with OutputFolder(out_dir) as folder, ThreadPoolExecutor(max_workers=2) as background:
        pending: dict[str, Future[DumpFile]] = {}

        def after(path: Path) -> None:
            if gzip:
                packed = path.with_name(path.name + ".gz")
                pending[packed.name] = background.submit(_pack, path, packed)
            pending[path.name] = background.submit(DumpFile.of, path)

        summary = write_dumps(
            practices, folder.work, base_uri=options.base_uri, workers=cores, then=after, progress=progress,
            timings=timings, dates=edition.dates() if edition else None, iris=iris,
        )
        del practices, iris
        started = time.perf_counter()
        names = [*DUMPS, *(f"{name}.gz" for name in DUMPS if gzip)]
        dumps = [pending[name].result() for name in names]
        timings["compress"] = time.perf_counter() - started
        started = time.perf_counter()
        versions = edition.write(folder.work, summary, next(d.sha256 for d in dumps if d.name == "bdp.nt")) if edition else []
        timings["edition"] = time.perf_counter() - started
        started = time.perf_counter()
        _describe(folder, options, dumps, summary, progress, omissions, versions)
        timings["describe"] = time.perf_counter() - started
        if extend is not None:
            started = time.perf_counter()
            extend(folder.work)
            timings["extend"] = time.perf_counter() - started
        started = time.perf_counter()
        files = tuple(sorted(p.name for p in folder.work.iterdir()))
        folder.commit()
        timings["commit"] = time.perf_counter() - started
    timings["write"] = time.perf_counter() - writing
    return PublishResult(
        out_dir=folder.target, report=report, files=files, summary=summary,
        left_out=left_out, timings=timings,
    )


def _records(
    inputs: list[str | os.PathLike[str]], read: SpilledRecords, *, encoding: str | None, base_uri: str, workers: int
) -> Sequence[SourcedPractice]:
    """The records to publish: those validation read (kept on disk), unless an input is RDF.

    Validation checks an RDF input as a graph and reads no records from it; those inputs are
    then all read again as records, in order, so that a practice given twice keeps its first
    record exactly as `bdp_lod.records.prepare` chooses it.
    """
    files = input_files(inputs)
    if not any(INPUT_KINDS[f.suffix.lower()] == "rdf" for f in files):
        return read
    return prepare(files, encoding=encoding, base_uri=base_uri, workers=workers).records


def _practice(record: SourcedPractice) -> Practice:
    return record.practice


def _pack(path: Path, packed: Path) -> DumpFile:
    gzip_file(path, packed)
    return DumpFile.of(packed)


def _describe(
    folder: OutputFolder,
    options: PublishOptions,
    dumps: list[DumpFile],
    summary: DataSummary,
    progress: Progress | None,
    omissions: Omissions | None,
    versions: list[tuple[Node, Node, Node]],
) -> None:
    """Everything but the dumps: descriptions (the catalog with an edition's ``versions``),
    copies of the definitions, the validation report of a release that left records out,
    checksums."""
    xml = dane_gov_pl_xml(options, dumps, summary, omissions=omissions)
    catalog = catalog_graph(options, dumps, summary, omissions=omissions)
    for triple in versions:
        catalog.add(triple)
    files: dict[str, bytes] = {
        CATALOG: serialize(catalog, RdfFormat.TURTLE),
        VOID: serialize(void_graph(options, dumps, summary), RdfFormat.TURTLE),
        DANE_GOV_PL: xml,
        DANE_GOV_PL_MD5: (hashlib.md5(xml).hexdigest() + "\n").encode("ascii"),
        VOCABULARY: serialize(vocabulary_graph(), RdfFormat.TURTLE),
        SHAPES: data_file("shapes", PRODUCT_SHAPES).read_bytes(),
        CONTEXT: data_file("vocab", CONTEXT).read_bytes(),
        **(omissions.files() if omissions is not None else {}),
    }
    for name, data in files.items():
        folder.path(name).write_bytes(data)
        if progress is not None:
            progress(name)
    folder.path(CHECKSUMS).write_bytes(sha256sums(folder.work, {dump.name: dump.sha256 for dump in dumps}))
    if progress is not None:
        progress(CHECKSUMS)
