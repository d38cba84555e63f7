"""A client for the SPARQL 1.1 Graph Store HTTP Protocol, as far as `push` needs it.

It uploads a streamed body into a graph (``PUT`` replaces, ``POST`` appends), counts a graph's
triples through the SPARQL endpoint, and rides out a busy or restarting store by retrying with
exponential back-off. Credentials come from the environment only, and every text that leaves
this module has them blotted out, so neither a message nor a store's echo can leak them.
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
import requests.auth

from ..errors import InputError, StoreError
from ..findings import Message

__all__ = [
    "PASSWORD_VAR",
    "TOKEN_VAR",
    "USER_VAR",
    "Credentials",
    "GraphStore",
    "RetryPolicy",
    "check_graph_iri",
    "query_endpoint_for",
    "sibling_endpoint",
]

USER_VAR = "BDP_LOD_STORE_USER"
PASSWORD_VAR = "BDP_LOD_STORE_PASSWORD"
TOKEN_VAR = "BDP_LOD_STORE_TOKEN"

TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
"""Answers that say "not now" rather than "no": worth another try."""

_TRANSIENT_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
_CONNECT_TIMEOUT = 10.0
_ECHO_LIMIT = 300
"""How much of a refusal's body is shown: enough for the store's reason, not a whole error page."""

Body = io.BufferedIOBase | Iterable[bytes]
"""An upload body: an open binary file, or chunks from a generator (sent chunked)."""


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic credentials or a bearer token; ``repr`` never shows a secret."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.token and (self.user is not None or self.password is not None):
            raise InputError(
                f"set either {TOKEN_VAR} or {USER_VAR} and {PASSWORD_VAR}, not both",
                pl=f"ustaw albo {TOKEN_VAR}, albo {USER_VAR} i {PASSWORD_VAR}, nie oba sposoby naraz",
            )
        if (self.user is None) != (self.password is None):
            raise InputError(
                f"{USER_VAR} and {PASSWORD_VAR} go together: set both or neither",
                pl=f"{USER_VAR} i {PASSWORD_VAR} ustawia się razem: oba albo żadnego",
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        """Credentials from ``BDP_LOD_STORE_USER``/``_PASSWORD`` or ``BDP_LOD_STORE_TOKEN``.

        The command line never carries secrets (they would show in shell history and ``ps``).
        An empty user or token counts as unset; an empty password is a password.
        """
        env = os.environ if environ is None else environ
        user = env.get(USER_VAR) or None
        password = env.get(PASSWORD_VAR)
        if user is None and not password:
            password = None
        return cls(user=user, password=password, token=env.get(TOKEN_VAR) or None)

    @property
    def auth(self) -> requests.auth.AuthBase | None:
        """requests' own Basic auth, or a bearer token; None without credentials."""
        if self.token:
            return _Bearer(self.token)
        if self.user is not None and self.password is not None:
            return requests.auth.HTTPBasicAuth(self.user, self.password)
        return None

    @property
    def headers(self) -> dict[str, str]:
        """The ``Authorization`` header the auth sends, as requests writes it (for redaction)."""
        auth = self.auth
        if auth is None:
            return {}
        prepared = auth(requests.Request("GET", "http://localhost/").prepare())
        return {"Authorization": prepared.headers["Authorization"]}

    def redact(self, text: str) -> str:
        """``text`` with every form of a secret (raw, or inside the header value) replaced."""
        secrets = [value for value in self.headers.values()]
        secrets += [value.split(" ", 1)[1] for value in secrets]
        secrets += [s for s in (self.password, self.token) if s]
        for secret in sorted(set(secrets), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


class _Bearer(requests.auth.AuthBase):
    """``Authorization: Bearer`` (requests ships Basic and Digest, not bearer tokens)."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


@dataclass(frozen=True)
class RetryPolicy:
    """How long to keep trying a store that is down or busy.

    The n-th retry waits ``base_delay * 2**(n-1)`` seconds, or what the store's ``Retry-After``
    asks, but never more than ``max_delay``: a command-line tool should give up in minutes, not
    sleep for the hour an overloaded server may ask for. No jitter: one client does not stampede.
    """

    retries: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        wanted = retry_after if retry_after is not None else self.base_delay * 2 ** (retry - 1)
        return max(0.0, min(wanted, self.max_delay))


def _retry_after(response: requests.Response) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (when - datetime.now(timezone.utc)).total_seconds()


def check_store_url(url: str, option: str) -> str:
    """An http(s) URL without credentials in it; anything else is a usage error that echoes no secret."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{option} must be an http:// or https:// URL",
            pl=f"{option} musi być adresem http:// lub https://",
        )
    if parts.username is not None or parts.password is not None:
        raise InputError(
            f"{option} must not carry credentials: set {USER_VAR} and {PASSWORD_VAR} (or {TOKEN_VAR}) instead",
            pl=f"{option} nie może zawierać danych logowania: ustaw zamiast tego {USER_VAR} i {PASSWORD_VAR} (albo {TOKEN_VAR})",
        )
    return url


def check_graph_iri(iri: str) -> str:
    """An absolute IRI, so it is safe inside ``GRAPH <…>`` and means the same to every store."""
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise InputError(
            f"graph name '{iri}' is not an absolute IRI ({exc})",
            pl=f"nazwa grafu '{iri}' nie jest bezwzględnym IRI ({exc})",
        ) from None
    return iri


QUERY_ENDPOINT_SIBLINGS = ("store", "data")
"""Last path segments of Graph Store endpoints whose SPARQL endpoints are siblings: Oxigraph
(``/store`` → ``/query``, ``/update``) and Fuseki (``/ds/data`` → ``/ds/query``, ``/ds/update``)."""


def sibling_endpoint(store_url: str, name: str, option: str) -> str:
    """The SPARQL endpoint ``name`` (``query`` or ``update``) beside a Graph Store endpoint of a known layout."""
    parts = urlsplit(store_url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last not in QUERY_ENDPOINT_SIBLINGS:
        raise InputError(
            f"cannot tell the SPARQL {name} endpoint from --store {store_url}: give it with {option}",
            pl=f"nie da się ustalić punktu SPARQL ({name}) z --store {store_url}: podaj go w {option}",
        )
    return urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", "", ""))


def query_endpoint_for(store_url: str) -> str:
    """The SPARQL query endpoint beside a Graph Store endpoint, where the layout is a known one."""
    return sibling_endpoint(store_url, "query", "--sparql")


def _reason(exc: BaseException) -> str:
    """The innermost operating-system reason of a connection failure ("Connection refused")."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.strerror:
            return current.strerror
        stack += [e for e in (current.__cause__, current.__context__, getattr(current, "reason", None)) if isinstance(e, BaseException)]
        stack += [a for a in current.args if isinstance(a, BaseException)]
    if isinstance(exc, requests.Timeout):
        return "timed out"
    return type(exc).__name__


def _graph_label(graph: str | None) -> str:
    return f"<{graph}>" if graph else "the default graph"


def _graph_label_pl(graph: str | None) -> str:
    return f"<{graph}>" if graph else "graf domyślny"


class GraphStore:
    """One store: its Graph Store endpoint, its SPARQL endpoint, and how to talk to both."""

    def __init__(
        self,
        store_url: str,
        *,
        sparql_url: str | None = None,
        update_url: str | None = None,
        credentials: Credentials | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 300.0,
        session: requests.Session | None = None,
        on_retry: Callable[[Message], None] | None = None,
    ):
        self.store_url = check_store_url(store_url, "--store")
        self.sparql_url = check_store_url(sparql_url, "--sparql") if sparql_url else query_endpoint_for(store_url)
        self._update_url = check_store_url(update_url, "--update") if update_url else None
        self.credentials = credentials or Credentials()
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self.session = session or requests.Session()
        self.on_retry = on_retry

    def upload(self, open_body: Callable[[], Body], content_type: str, graph: str | None, *, replace: bool, name: str) -> int:
        """Send a body into ``graph`` (None = the default graph); the store's status code.

        ``open_body`` is called once per attempt, so a retry sends the whole body again from
        its start (a file is reopened, a generator restarted) and nothing is held in memory.
        """
        method = "PUT" if replace else "POST"
        params = {"graph": graph} if graph else None
        url = self.store_url if graph else self._with_default(self.store_url)
        what = Message(en=f"upload of {name} to {_graph_label(graph)}", pl=f"wysyłanie {name} do {_graph_label_pl(graph)}")

        def attempt() -> requests.Response:
            body = open_body()
            try:
                return self.session.request(
                    method, url, params=params, data=body,
                    headers={"Content-Type": content_type}, auth=self.credentials.auth,
                    timeout=(_CONNECT_TIMEOUT, self.timeout), allow_redirects=False,
                )
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()

        return self._send(self.store_url, what, attempt).status_code

    @property
    def update_url(self) -> str:
        """The SPARQL Update endpoint: given, or beside a known Graph Store endpoint.

        Derived only when asked for, so a plain push, which never updates, needs no such endpoint.
        """
        if self._update_url is None:
            self._update_url = sibling_endpoint(self.store_url, "update", "--update")
        return self._update_url

    def count(self, graph: str | None) -> int:
        """The number of triples the store holds in ``graph``, asked through SPARQL."""
        where = f"GRAPH <{check_graph_iri(graph)}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        what = Message(en=f"count of the triples in {_graph_label(graph)}", pl=f"liczenie trójek w {_graph_label_pl(graph)}")
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", what)
        try:
            return int(rows[0]["n"])
        except (ValueError, KeyError, IndexError):
            raise self._not_results(what) from None

    def select(self, query: str, what: Message) -> list[dict[str, str]]:
        """The rows of a SELECT query, each variable bound to its term's lexical value."""

        def attempt() -> requests.Response:
            return self.session.get(
                self.sparql_url, params={"query": query},
                headers={"Accept": "application/sparql-results+json"}, auth=self.credentials.auth,
                timeout=(_CONNECT_TIMEOUT, self.timeout), allow_redirects=False,
            )

        response = self._send(self.sparql_url, what, attempt)
        try:
            bindings = response.json()["results"]["bindings"]
            return [{name: str(term["value"]) for name, term in row.items()} for row in bindings]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise self._not_results(what) from None

    def _not_results(self, what: Message) -> StoreError:
        return StoreError(Message(
            en=f"{self.sparql_url} did not answer the {what.en} with SPARQL JSON results",
            pl=f"{self.sparql_url} nie odpowiedział na {what.pl} wynikami SPARQL w JSON",
        ))

    def update(self, open_body: Callable[[], Body], what: Message) -> int:
        """POST a SPARQL 1.1 Update (``application/sparql-update``); the store's status code.

        As with `upload`, ``open_body`` is called once per attempt. Retrying is safe for the
        updates `push` sends: ``DELETE DATA``, ``INSERT DATA`` and ``DROP`` change nothing the
        second time.
        """

        def attempt() -> requests.Response:
            return self.session.post(
                self.update_url, data=open_body(),
                headers={"Content-Type": "application/sparql-update"}, auth=self.credentials.auth,
                timeout=(_CONNECT_TIMEOUT, self.timeout), allow_redirects=False,
            )

        return self._send(self.update_url, what, attempt).status_code

    @staticmethod
    def _with_default(url: str) -> str:
        """The protocol's ``?default`` (a bare key, which ``params`` cannot write)."""
        return url + ("&" if urlsplit(url).query else "?") + "default"

    def _send(self, url: str, what: Message, attempt: Callable[[], requests.Response]) -> requests.Response:
        """Run ``attempt`` until it gets a final answer; a success, or a `StoreError` saying why not."""
        tries = self.retry.retries + 1
        number = 0
        while True:
            number += 1
            try:
                response = attempt()
            except _TRANSIENT_ERRORS as exc:
                reason = _reason(exc)
                if number == tries:
                    raise StoreError(Message(
                        en=f"cannot reach {url} for the {what.en}: {reason} ({self._tries(number)})",
                        pl=f"nie można połączyć się z {url} ({what.pl}): {reason} ({self._tries_pl(number)})",
                    )) from None
                delay = self.retry.delay(number)
                self._announce(Message(en=f"store unreachable ({reason})", pl=f"magazyn nieosiągalny ({reason})"), delay, number, tries)
            else:
                if response.status_code not in TRANSIENT_STATUS or number == tries:
                    return self._final(response, what, number)
                delay = self.retry.delay(number, _retry_after(response))
                status = f"HTTP {response.status_code}"
                self._announce(Message(en=f"store busy ({status})", pl=f"magazyn zajęty ({status})"), delay, number, tries)
            self.retry.sleep(delay)

    def _announce(self, why: Message, delay: float, number: int, tries: int) -> None:
        if self.on_retry is not None:
            self.on_retry(Message(
                en=f"{why.en}; retrying in {delay:g} s (attempt {number + 1} of {tries})",
                pl=f"{why.pl}; ponowienie za {delay:g} s (próba {number + 1} z {tries})",
            ))

    def _final(self, response: requests.Response, what: Message, number: int) -> requests.Response:
        status = response.status_code
        if 200 <= status < 300:
            return response
        line = f"HTTP {status} {response.reason or ''}".rstrip()
        if 300 <= status < 400:
            target = self.credentials.redact(response.headers.get("Location", "?"))
            raise StoreError(Message(
                en=f"the store redirected the {what.en} to {target}: give that URL instead",
                pl=f"magazyn przekierował {what.pl} do {target}: podaj ten adres",
            ), status=status)
        echo = " ".join(response.text.split())[:_ECHO_LIMIT]
        detail = self.credentials.redact(f"{line}: {echo}" if echo else line)
        hint_en = hint_pl = ""
        if status in (401, 403):
            hint_en = f"; check {USER_VAR}/{PASSWORD_VAR} or {TOKEN_VAR} and the store's permissions"
            hint_pl = f"; sprawdź {USER_VAR}/{PASSWORD_VAR} albo {TOKEN_VAR} i uprawnienia w magazynie"
        if status in TRANSIENT_STATUS:
            hint_en, hint_pl = f" ({self._tries(number)})", f" ({self._tries_pl(number)})"
        raise StoreError(Message(
            en=f"the store refused the {what.en}: {detail}{hint_en}",
            pl=f"magazyn odrzucił {what.pl}: {detail}{hint_pl}",
        ), status=status)

    @staticmethod
    def _tries(number: int) -> str:
        return "1 attempt" if number == 1 else f"after {number} attempts"

    @staticmethod
    def _tries_pl(number: int) -> str:
        return "1 próba" if number == 1 else f"po {number} próbach"
