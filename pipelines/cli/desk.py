"""The desk's commands: the accounts that may sign in to the reading room, and the audit trail of corrections."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from digitize.printable import printable
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.cli.groups import ErrorReportingGroup
from pipelines.cli.options import existing_archive_option, json_option, print_json
from pipelines.desk.accounts import ROLES, add_account, remove_account, set_password
from pipelines.desk.site import session_key


@click.group("user", cls=ErrorReportingGroup)
def user_group() -> None:
    """Accounts of the reading room: readers, archivists (who may correct) and admins (who may also manage accounts).

    Passwords are read from standard input, never from the command line, and stored as Argon2id hashes.

    \b
    Example:
      echo 'mật khẩu dài' | digitize user add lan --role archivist
      digitize user list
      digitize user passwd lan < new-password.txt
      digitize user remove lan
    """


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True, help="What the account may do.")
@existing_archive_option
def user_add(name: str, role: str, archive_root: Path) -> None:
    """Add an account NAME; its password is the first line of standard input.

    \b
    Example:
      echo 'mật khẩu dài' | digitize user add lan --role archivist
    """
    archive = Archive(archive_root)
    with Catalog(archive.existing_catalog_path()) as catalog:
        account = add_account(catalog, name, role, _password())
    session_key(archive, create=True)
    click.echo(f"account {printable(account.name)} added as {account.role}")


@user_group.command("passwd")
@click.argument("name")
@existing_archive_option
def user_passwd(name: str, archive_root: Path) -> None:
    """Give account NAME the password on the first line of standard input.

    \b
    Example:
      digitize user passwd lan < new-password.txt
    """
    with Catalog(Archive(archive_root).existing_catalog_path()) as catalog:
        set_password(catalog, name, _password())
    click.echo(f"password of {printable(name)} changed")


@user_group.command("remove")
@click.argument("name")
@existing_archive_option
def user_remove(name: str, archive_root: Path) -> None:
    """Remove account NAME; the changes it made stay in the audit trail under its name.

    \b
    Example:
      digitize user remove lan
    """
    with Catalog(Archive(archive_root).existing_catalog_path()) as catalog:
        remove_account(catalog, name)
    click.echo(f"account {printable(name)} removed")


@user_group.command("list")
@existing_archive_option
@json_option
def user_list(archive_root: Path, as_json: bool) -> None:
    """List the accounts and their roles.

    \b
    Example:
      digitize user list --json
    """
    with Catalog(Archive(archive_root).existing_catalog_path(), read_only=True) as catalog:
        accounts = catalog.accounts.all()
    if as_json:
        print_json([{"name": account.name, "role": account.role} for account in accounts])
        return
    for account in accounts:
        click.echo(f"{printable(account.name)}\t{account.role}")
    click.echo(f"{len(accounts)} accounts.")


@click.command("audit")
@click.argument("doc", required=False)
@existing_archive_option
@click.option("--summary", is_flag=True, help="How much each archivist corrected, per collection, instead of the list.")
@json_option
def audit_command(doc: str | None, archive_root: Path, summary: bool, as_json: bool) -> None:
    """List the changes people made, oldest first: all of them, or DOC's (its id, the start of it, or its file name).

    Each change says who made it, when, what it changed, and the value before and after; an undo names the change
    it undoes. --summary counts them instead: per collection and archivist, the changes, fields, lines and undos,
    and the documents touched.

    \b
    Example:
      digitize audit
      digitize audit qd-1287.pdf --json
      digitize audit --summary
    """
    if summary:
        return _audit_summary(archive_root, as_json)
    with Catalog(Archive(archive_root).existing_catalog_path(), read_only=True) as catalog:
        doc_id = catalog.documents.find(doc).id if doc else None
        records = catalog.audit.entries(doc_id)
    if as_json:
        print_json([asdict(record) for record in records])
        return
    for record in records:
        undoes = f" (undoes {record.undoes})" if record.undoes else ""
        click.echo(
            f"{record.id}\t{record.at}\t{printable(record.author)}\t{record.doc_id}\t{record.target}\t"
            f"{printable(record.before or '∅')} → {printable(record.after or '∅')}{undoes}"
        )
    click.echo(f"{len(records)} changes.")


def _audit_summary(archive_root: Path, as_json: bool) -> None:
    with Catalog(Archive(archive_root).existing_catalog_path(), read_only=True) as catalog:
        tallies = catalog.audit.tallies()
    if as_json:
        print_json([asdict(tally) for tally in tallies])
        return
    click.echo("collection\tarchivist\tchanges\tfields\tlines\tundos\tdocuments")
    for tally in tallies:
        click.echo(
            f"{printable(tally.collection)}\t{printable(tally.author)}\t{tally.changes}\t{tally.fields}\t"
            f"{tally.lines}\t{tally.undos}\t{tally.documents}"
        )
    click.echo(f"{sum(tally.changes for tally in tallies)} changes by {len({t.author for t in tallies})} people.")


def _password() -> str:
    """The first line of standard input, so a password never shows in the process list or the shell's history."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")
