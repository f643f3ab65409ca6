"""The ``search`` command and the way hits are printed in a terminal."""

from __future__ import annotations

from pathlib import Path

import click

from index.search import Hit, search
from pipelines.archive import Archive
from pipelines.cli.options import archive_option, json_option, print_json


@click.command("search")
@click.argument("query")
@archive_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits to show.")
@json_option
def search_command(query: str, archive_root: Path, limit: int, as_json: bool) -> None:
    """Search the archive's pages; diacritics are optional.

    Words must all match; put a phrase in double quotes; OR and NOT work too.

    \b
    Example:
      digitize search "chuyen doi so"
      digitize search '"dịch vụ công trực tuyến"' --limit 5 --json
    """
    hits = search(Archive(archive_root).index_dir, query, limit=limit)
    if as_json:
        print_json({"query": query, "hits": [hit.to_dict() for hit in hits]})
    else:
        print_hits(query, hits)


def print_hits(query: str, hits: list[Hit]) -> None:
    click.echo(f"{len(hits)} hit{'s' if len(hits) != 1 else ''} for {query!r}")
    for rank, hit in enumerate(hits, 1):
        click.echo(f"{rank:>3}. {hit.title or hit.source_path} — page {hit.page}  [{hit.doc_id}]")
        click.echo(f"     {_highlighted(hit)}")


def _highlighted(hit: Hit) -> str:
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [hit.snippet[last:start], click.style(hit.snippet[start:end], bold=True, fg="yellow")]
        last = end
    return "".join([*parts, hit.snippet[last:]])
