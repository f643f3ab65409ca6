"""Finding the files of a run under the paths named, and every path that could not be read or followed.

A scan left out without a word is a scan lost: so a dangling or looping
symlink and a folder that cannot be listed are reported, by path with a
reason, and the run fails them like an unreadable file. Symlinked folders are
followed once (a folder reached twice is read once, a link back to a folder
being walked is a loop, reported). The archive's own folder is never taken as
input, or ``digitize run .`` with the archive in ``.`` would ingest its own
page images on every run: a walk from outside the archive skips it whole, and
its output folders (``documents/``, ``index/``) are skipped from anywhere, so
scans kept in a folder of the archive (as the demo keeps them) can still be run.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from digitize import ingest
from pipelines.archive.layout import Archive

_FolderKey = tuple[int, int]  # (device, inode): one folder whatever the path, or link, that reaches it


@dataclass
class Discovery:
    """The files found, in a stable order, and the paths that could not be read or followed, as (path, reason)."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def discover(paths: Iterable[Path], archive: Archive | None = None) -> Discovery:
    """Files named, and the source files under folders named, leaving out ``archive``'s own folders.

    Files named directly are taken whatever their suffix, so a wrong type is
    reported rather than silently skipped; inside folders only known suffixes count.
    """
    outputs = {key for key in map(_key, archive.output_dirs if archive else ()) if key is not None}
    walk = _Walk()
    for path in paths:
        if archive is not None and any(_inside(path, folder) for folder in archive.output_dirs):
            walk.found.problems.append((str(path), f"is the archive's own output ({archive.root}), not a source"))
            continue
        if path.is_symlink() and not path.exists():
            walk.entry(path, ancestors=())  # reported with what is wrong with the link
            continue
        if not path.is_dir():
            walk.found.files.append(path)
            continue
        root = _key(archive.root) if archive is not None and not _inside(path, archive.root) else None
        walk.skipped = outputs | ({root} if root is not None else set())
        walk.folder(path, ancestors=())
    walk.found.files = list(dict.fromkeys(walk.found.files))
    return walk.found


@dataclass
class _Walk:
    found: Discovery = field(default_factory=Discovery)
    skipped: set[_FolderKey] = field(default_factory=set)  # the archive's folders, left out without a word
    seen: set[_FolderKey] = field(default_factory=set)

    def folder(self, folder: Path, ancestors: tuple[_FolderKey, ...]) -> None:
        """The source files under ``folder``, whose parents being walked are ``ancestors``."""
        key = _key(folder)
        if key is None or key in self.skipped:
            return
        if key in ancestors:
            self.found.problems.append((str(folder), "symlink loop: leads back to a folder it is in"))
            return
        if key in self.seen:  # reached by another path or link: its files are in already
            return
        self.seen.add(key)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            self.found.problems.append((str(folder), f"folder cannot be read ({error.strerror})"))
            return
        for entry in entries:
            if not entry.name.startswith("."):
                self.entry(Path(entry.path), (*ancestors, key))

    def entry(self, path: Path, ancestors: tuple[_FolderKey, ...]) -> None:
        try:
            mode = path.stat().st_mode  # through symlinks
        except OSError as error:
            self.found.problems.append((str(path), _unfollowable(path, error)))
            return
        if stat.S_ISDIR(mode):
            self.folder(path, ancestors)
        elif stat.S_ISREG(mode) and path.suffix.lower() in ingest.SOURCE_SUFFIXES:
            self.found.files.append(path)


def _unfollowable(path: Path, error: OSError) -> str:
    if not path.is_symlink():
        return f"cannot be read ({error.strerror})"
    if error.errno == errno.ELOOP:
        return "symlink loop: the link never reaches a file or folder"
    return f"dangling symlink: {os.readlink(path)} does not exist"


def _key(folder: Path) -> _FolderKey | None:
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or under it, through any symlinks."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop: reported when it is read
        return False
