"""HTTP content negotiation (RFC 9110 §12.5.1): the offered type an Accept header prefers."""

from __future__ import annotations

__all__ = ["negotiate"]


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, specificity) of each entry; a malformed q counts as 0."""
    ranges = []
    for entry in accept.split(","):
        media, *params = (part.strip() for part in entry.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        media = media.lower()
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, specificity))
    return ranges


def _quality(offered: str, ranges: list[tuple[str, float, int]]) -> float:
    """The q of the most specific range that matches ``offered`` (0 when none does)."""
    best: tuple[int, float] | None = None
    kind = offered.split("/")[0]
    for media, q, specificity in ranges:
        if media == offered or media == "*/*" or (specificity == 1 and media[:-2] == kind):
            if best is None or specificity > best[0]:
                best = (specificity, q)
    return best[1] if best else 0.0


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered type with the highest q; ties go to the first offered. No Accept header
    accepts anything (the first offered); None when every offered type has q=0 (a 406)."""
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = _ranges(accept)
    scored = [(_quality(media, ranges), -index, media) for index, media in enumerate(offered)]
    q, _, media = max(scored, default=(0.0, 0, ""))
    return media if q > 0 else None
