"""``bdp-lod push SOURCE --store URL``: a dump or a published folder → a SPARQL Graph Store."""

from __future__ import annotations

import click

from ...errors import InputError, StoreError
from ...findings import Message
from ...store import IncrementalResult, PushResult, RetryPolicy, push, push_incremental
from ...store.incremental import DEFAULT_MAX_UPDATE_SIZE
from ..group import cli
from ..common import EXIT_INVALID, Context, fail


def _graph(graph: str | None, lang: str, *, start: bool = False) -> str:
    if graph:
        return f"<{graph}>"
    name = "graf domyślny" if lang == "pl" else "the default graph"
    return name.capitalize() if start else name


@cli.command("push")
@click.argument("source", type=click.Path(path_type=str))
@click.option("--store", "store_url", required=True, metavar="URL",
              help="Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph).")
@click.option("--graph", default=None, metavar="IRI",
              help="Graph to load into. Default: a file goes to the default graph, a published "
                   "folder's data to the dataset IRI its catalog names.")
@click.option("--catalog-graph", default=None, metavar="IRI",
              help="Graph for a published folder's catalog.ttl and void.ttl. Default: the catalog's IRI.")
@click.option("--replace", is_flag=True, help="Replace the graphs (PUT) instead of adding to them (POST). "
              "With --incremental: replace only when the store does not hold the previous edition.")
@click.option("--incremental", is_flag=True,
              help="Apply a published edition's change set with one SPARQL Update, when the store holds "
                   "the previous edition (by the marker every push writes).")
@click.option("--sparql", "sparql_url", default=None, metavar="URL",
              help="SPARQL query endpoint for the triple count. Default: /query beside a /store or /data endpoint.")
@click.option("--update", "update_url", default=None, metavar="URL",
              help="SPARQL Update endpoint for --incremental. Default: /update beside a /store or /data endpoint.")
@click.option("--max-update-size", type=click.IntRange(min=1), default=DEFAULT_MAX_UPDATE_SIZE, show_default=True,
              metavar="BYTES", help="Largest update request to send (Oxigraph's limit); a larger change set "
                                    "is sent in several requests, with a warning.")
@click.option("--retries", type=click.IntRange(min=0), default=RetryPolicy.retries, show_default=True,
              help="How often to retry when the store is unreachable or answers 429/502/503/504.")
@click.option("--retry-delay", type=click.FloatRange(min=0), default=RetryPolicy.base_delay, show_default=True,
              metavar="SECONDS", help="First back-off; it doubles each retry, up to 30 s.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              metavar="SECONDS", help="How long to wait for the store's answer to one request.")
@click.pass_obj
def push_command(
    ctx: Context, source: str, store_url: str, graph: str | None, catalog_graph: str | None, replace: bool,
    incremental: bool, sparql_url: str | None, update_url: str | None, max_update_size: int,
    retries: int, retry_delay: float, timeout: float,
) -> None:
    """Upload a dump file or a published folder to a SPARQL 1.1 Graph Store, then check the triple count.

    Credentials are read from BDP_LOD_STORE_USER and BDP_LOD_STORE_PASSWORD (HTTP Basic) or
    BDP_LOD_STORE_TOKEN (bearer token), never from the command line. Exits 0 when the store holds what was sent,
    1 when the store cannot be reached, refuses the upload, holds something else, or (--incremental) does not
    hold the previous edition, 2 when the source or an option is unusable.
    """
    def warn(message: Message) -> None:
        click.echo(f"bdp-lod: {ctx.say(message)}", err=True)

    retry = RetryPolicy(retries=retries, base_delay=retry_delay)
    try:
        if incremental:
            applied = push_incremental(
                source, store_url, graph=graph, catalog_graph=catalog_graph, replace=replace, sparql_url=sparql_url,
                update_url=update_url, max_update_size=max_update_size, retry=retry, timeout=timeout,
                on_retry=warn, on_warning=warn,
            )
        else:
            result = push(
                source, store_url, graph=graph, catalog_graph=catalog_graph, replace=replace, sparql_url=sparql_url,
                retry=retry, timeout=timeout, on_retry=warn,
            )
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    except StoreError as exc:
        fail(ctx.say(exc.message), EXIT_INVALID)
    if not incremental:
        _report(ctx, result)
    elif applied.replaced is not None:
        _report(ctx, applied.replaced)
    else:
        _report_incremental(ctx, applied)


def _report(ctx: Context, result: PushResult) -> None:
    for sent in result.files:
        put = sent.method == "PUT"
        click.echo(ctx.say(Message(
            en=f"Sent {sent.file} to {_graph(sent.graph, 'en')} ({'replacing' if put else 'adding'}): "
               f"{sent.triples} triples.",
            pl=f"Wysłano {sent.file} do {_graph(sent.graph, 'pl')} ({'zastąpienie' if put else 'dopisanie'}): "
               f"trójki: {sent.triples}.",
        )))
    for count in result.graphs:
        click.echo(ctx.say(Message(
            en=f"{_graph(count.graph, 'en', start=True)} now holds {count.after} triples (before: {count.before}).",
            pl=f"{_graph(count.graph, 'pl', start=True)} zawiera teraz trójki: {count.after} (przedtem: {count.before}).",
        )))
    if result.marker is not None:
        click.echo(ctx.say(Message(
            en=f"Marked <{result.marker_graph}> as holding edition {result.marker.version}.",
            pl=f"Oznaczono w <{result.marker_graph}>, że magazyn zawiera wydanie {result.marker.version}.",
        )))


def _report_incremental(ctx: Context, result: IncrementalResult) -> None:
    version = result.loaded.version
    if result.requests == 0:
        click.echo(ctx.say(Message(
            en=f"The store already holds edition {version}: nothing to send.",
            pl=f"Magazyn zawiera już wydanie {version}: nie ma czego wysyłać.",
        )))
    else:
        requests = "1 request" if result.requests == 1 else f"{result.requests} requests"
        requests_pl = "1 żądanie" if result.requests == 1 else f"żądania: {result.requests}"
        click.echo(ctx.say(Message(
            en=f"Applied edition {version}'s change set to <{result.graph}> in {requests}: "
               f"{result.deleted} triples deleted, {result.added} added.",
            pl=f"Zastosowano zestaw zmian wydania {version} do <{result.graph}> ({requests_pl}): "
               f"usunięte trójki: {result.deleted}, dodane: {result.added}.",
        )))
        click.echo(ctx.say(Message(
            en=f"Marked <{result.catalog_graph}> as holding edition {version}.",
            pl=f"Oznaczono w <{result.catalog_graph}>, że magazyn zawiera wydanie {version}.",
        )))
    click.echo(ctx.say(Message(
        en=f"<{result.graph}> holds {result.triples} triples, as edition {version}'s bdp.nt.",
        pl=f"<{result.graph}> zawiera trójki: {result.triples}, tyle co bdp.nt wydania {version}.",
    )))
