"""An edition as ``publish --previous`` writes it, made by hand from two published folders.

The editions contract (docs/push.md, "Incremental push"): ``edition.json`` and the change set,
the sorted set difference of the two ``bdp.nt`` files' lines, all listed in ``SHA256SUMS``.
Shared by tests/test_push_incremental.py and benchmarks/push_incremental.py, so that both build
the folders ``push --incremental`` reads without the publishing side's code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bdp_lod.publish.folder import CHECKSUMS, sha256sums

DATASET = "https://w3id.org/bdp/data/bdp"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(path: Path) -> set[str]:
    return set(path.read_text(encoding="utf-8").splitlines(keepends=True))


def make_edition(folder: Path, previous: Path, edition: int = 2) -> None:
    """edition.json and changes.*.nt as ``publish --previous`` writes them, and SHA256SUMS again."""
    old, new = lines(previous / "bdp.nt"), lines(folder / "bdp.nt")
    deleted, added = sorted(old - new), sorted(new - old)
    (folder / "changes.deleted.nt").write_text("".join(deleted), encoding="utf-8")
    (folder / "changes.added.nt").write_text("".join(added), encoding="utf-8")
    base = "https://w3id.org/bdp/"
    record = {
        "dataset": DATASET, "base_uri": base, "edition": edition, "iri": f"{DATASET}/edition/{edition}",
        "issued": "2026-01-01", "modified": "2026-02-01",
        "previous": {"edition": edition - 1, "iri": f"{DATASET}/edition/{edition - 1}",
                     "sha256": sha256(previous / "bdp.nt"), "triples": len(old)},
        "sha256": sha256(folder / "bdp.nt"), "triples": len(new),
        "changes": {"deleted": "changes.deleted.nt", "added": "changes.added.nt",
                    "deleted_triples": len(deleted), "added_triples": len(added)},
    }
    (folder / "edition.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (folder / CHECKSUMS).write_bytes(sha256sums(folder))
