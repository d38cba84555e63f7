"""bdp-lod: the local-government Good Practice Database (Baza Dobrych Praktyk) as Linked Open Data.

Data flows one way: source readers → records (`bdp_lod.model`) → RDF mapping → validation →
publication. The names below are the library's public API; the CLI is a thin layer over them::

    import bdp_lod
    result = bdp_lod.read(["examples/"])           # records and findings from any input kind
    graph = bdp_lod.to_graph(r.practice for r in result.records)
    bdp_lod.write_graph(graph, "build/bdp.ttl")    # .ttl / .nt / .jsonld, atomically
    practices = bdp_lod.load("build/bdp.ttl")      # a dump back as records
    report = bdp_lod.validate(["examples/"])       # JSON Schema, TERYT and SHACL findings
"""

from __future__ import annotations

__version__ = "0.1.0"

from .convert import ConvertResult, convert
from .errors import BdpLodError, InputError, InvalidRecords, NotAPracticePage
from .findings import Finding, Message, Severity
from .mapping import practice_triples, to_graph
from .model import (
    Activity, Address, Attachment, Contact, Institution, LocalGovernmentUnit, Origin, Practice,
    SourcedPractice, from_dict, to_dict,
)
from .normalize import normalize_submission, practice_from_submission
from .serialize import write_graph
from .sources import ReadResult, read_inputs as read
from .sources.rdf import load
from .validation import Report, validate

__all__ = [
    "Activity", "Address", "Attachment", "BdpLodError", "Contact", "ConvertResult", "Finding",
    "InputError", "Institution", "InvalidRecords", "LocalGovernmentUnit", "Message",
    "NotAPracticePage", "Origin", "Practice", "ReadResult", "Report", "Severity", "SourcedPractice",
    "__version__", "convert", "from_dict", "load", "normalize_submission", "practice_from_submission",
    "practice_triples", "read", "to_dict", "to_graph", "validate", "write_graph",
]
