"""A saved page of the good-practice database as text: its bytes, their encoding, and HTML.

Pages come as they were saved over the years: UTF-8, the Windows-1250 of old Polish sites, or an
HTML file declaring its charset; saved HTML also carries the page's address in the comment a
browser leaves ("saved from url=…"). This module turns any of them into the plain text, one
printed line a line, that `bdp_lod.sources.bdp_page` parses.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # bs4 is imported by the functions that parse: 0.13 s every command paid at start
    from bs4 import BeautifulSoup, Tag

from ..errors import InputError
from ..normalize import collapse

__all__ = ["decode_page", "html_to_text", "read_page_bytes"]

def read_page_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise InputError(f"cannot read: {reason}", file=str(path), pl=f"nie można odczytać: {reason}") from None


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes, file: str, html: bool) -> str:
    """UTF-8, else the charset a saved HTML page declares, else Windows-1250 (old Polish sites)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096]) if html else None
    for encoding in ([declared[1].decode("ascii")] if declared else []) + ["cp1250"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("neither UTF-8 nor Windows-1250 text", file=file, pl="tekst nie jest ani w UTF-8, ani w Windows-1250")


_HIDDEN = ("head", "script", "style", "noscript", "template", "title")
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt",
    "fieldset", "figure", "footer", "form", "header", "hr", "html", "li", "main", "nav", "ol",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_BREAK, _BLOCK, _PARAGRAPH = "\x02", "\x00", "\x01"
"""Markers put into the tree: a hard line break (<br>, each counts), and the soft edges of
blocks and paragraphs (adjacent ones merge, as a browser's margins do)."""
_BREAK_RUN = re.compile(r"[ \x00\x01\x02]*[\x00\x01\x02][ \x00\x01\x02]*")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")


def html_to_text(markup: str, file: str | None) -> tuple[str, str | None]:
    """The page's text with the line structure a browser shows, and its source URL if known."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
    from bs4.builder import ParserRejectedMarkup

    markup = markup.translate({ord(_BREAK): None, ord(_BLOCK): None, ord(_PARAGRAPH): None})
    try:
        with warnings.catch_warnings():  # short or XHTML pages are still pages, not mistakes
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup as error:
        reason = str(error).strip().splitlines()[-1].strip()  # the parser's own complaint, one line
        raise InputError(
            f"cannot parse the HTML: {reason}", file=file, pl=f"nie można przetworzyć kodu HTML: {reason}"
        ) from None
    url = _source_url(soup)
    for hidden in soup.find_all(_HIDDEN):
        hidden.decompose()
    for tag in soup.find_all(True):
        _mark(tag)
    text = re.sub(r"[ \t\n\r\f]+", " ", soup.get_text())
    return _BREAK_RUN.sub(_line_breaks, text).strip(" \n"), url


def _mark(tag: Tag) -> None:
    """Put line-break markers around or in place of one element."""
    if tag.name == "br":
        tag.replace_with(_BREAK)
    elif tag.name in _PARAGRAPHS or tag.name in _BLOCKS:
        edge = _PARAGRAPH if tag.name in _PARAGRAPHS else _BLOCK
        if tag.parent is not None:
            tag.insert_before(edge)
            tag.insert_after(edge)
        if tag.name == "li":
            tag.insert(0, _list_marker(tag))


def _list_marker(item: Tag) -> str:
    """"1. " in a numbered list (the number a browser prints), "• " otherwise."""
    parent = item.parent
    if parent is not None and parent.name == "ol":
        return f"{1 + sum(1 for s in item.find_previous_siblings('li'))}. "
    return "• "


def _line_breaks(run: re.Match[str]) -> str:
    markers = run[0]
    soft = 2 if _PARAGRAPH in markers else 1 if _BLOCK in markers else 0
    return "\n" * max(markers.count(_BREAK), soft)


def _source_url(soup: BeautifulSoup) -> str | None:
    """The page's address from a browser's "saved from url=" note, canonical link or og:url.

    An address naming the article (``art=``) wins, since it gives the record its id.
    """
    from bs4 import Comment, Tag

    candidates: list[str] = []
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        saved = _SAVED_FROM.search(comment)
        if saved:
            candidates.append(saved[1].replace("&amp;", "&"))
    canonical = soup.find("link", rel="canonical", href=True)
    if isinstance(canonical, Tag):
        candidates.append(str(canonical["href"]))
    og_url = soup.find("meta", attrs={"property": "og:url", "content": True})
    if isinstance(og_url, Tag):
        candidates.append(str(og_url["content"]))
    urls = [collapse(u) for u in candidates if re.match(r"https?://\S", u.strip(), re.IGNORECASE)]
    return next((u for u in urls if re.search(r"[?&]art=[0-9]+(?:[&#]|$)", u)), urls[0] if urls else None)
