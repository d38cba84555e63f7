"""bdp-lod: the local-government Good Practice Database (Baza Dobrych Praktyk) as Linked Open Data.

Data flows one way: source readers → records (`bdp_lod.model`) → RDF mapping → validation →
publication.
"""

from __future__ import annotations

__version__ = "0.1.0"
