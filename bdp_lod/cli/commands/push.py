"""``bdp-lod push SOURCE --store URL``: a dump or a published folder → a SPARQL Graph Store."""

from __future__ import annotations

import click

from ...errors import InputError, StoreError
from ...findings import Message
from ...store import RetryPolicy, push
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
@click.option("--replace", is_flag=True, help="Replace the graphs (PUT) instead of adding to them (POST).")
@click.option("--sparql", "sparql_url", default=None, metavar="URL",
              help="SPARQL query endpoint for the triple count. Default: /query beside a /store or /data endpoint.")
@click.option("--retries", type=click.IntRange(min=0), default=RetryPolicy.retries, show_default=True,
              help="How often to retry when the store is unreachable or answers 429/502/503/504.")
@click.option("--retry-delay", type=click.FloatRange(min=0), default=RetryPolicy.base_delay, show_default=True,
              metavar="SECONDS", help="First back-off; it doubles each retry, up to 30 s.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              metavar="SECONDS", help="How long to wait for the store's answer to one request.")
@click.pass_obj
def push_command(
    ctx: Context, source: str, store_url: str, graph: str | None, catalog_graph: str | None, replace: bool,
    sparql_url: str | None, retries: int, retry_delay: float, timeout: float,
) -> None:
    """Upload a dump file or a published folder to a SPARQL 1.1 Graph Store, then check the triple count.

    Credentials are read from BDP_LOD_STORE_USER and BDP_LOD_STORE_PASSWORD (HTTP Basic) or
    BDP_LOD_STORE_TOKEN (bearer token), never from the command line. Exits 0 when the store holds what was sent,
    1 when the store cannot be reached, refuses the upload or holds something else,
    2 when the source or an option is unusable.
    """
    def warn(message: Message) -> None:
        click.echo(f"bdp-lod: {ctx.say(message)}", err=True)

    try:
        result = push(
            source, store_url, graph=graph, catalog_graph=catalog_graph, replace=replace, sparql_url=sparql_url,
            retry=RetryPolicy(retries=retries, base_delay=retry_delay), timeout=timeout, on_retry=warn,
        )
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    except StoreError as exc:
        fail(ctx.say(exc.message), EXIT_INVALID)
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
