"""The reading room's own scripts and styles, and Mirador's bundle: cached by browsers, checked by ``ETag``.

Pages link to ``/static/NAME?v=HASH`` (``static_url``): a URL that names the
file's content, so it is sent ``immutable`` for a year and a new release of
the file is a new URL. Asked without the current hash, a file is sent
``no-cache``: the browser keeps it and asks again with ``If-None-Match``,
answered ``304`` by Starlette when unchanged.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC = Path(__file__).parent.parent / "static"
#: Mirador's bundle, at ``/static/mirador/``: the one file served of the folder npm installed it in.
MIRADOR_FILES = frozenset({"mirador.min.js"})
MIRADOR_URL = "/static/mirador/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@cache
def _version(path: Path, modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def version(path: Path) -> str:
    """The first characters of the file's SHA-256, read again only when the file changes."""
    return _version(path, path.stat().st_mtime_ns)


def static_url(name: str, folder: Path = STATIC, prefix: str = "/static/") -> str:
    """The versioned URL of a file of ``folder``; a missing file gets a plain one (answered 404)."""
    path = folder / name
    return f"{prefix}{name}?v={version(path)}" if path.is_file() else f"{prefix}{name}"


class VersionedFiles(StaticFiles):
    """Starlette's static files (``ETag``, ``Last-Modified``, ``304``, ``HEAD``), with a cache lifetime by URL."""

    def __init__(self, directory: Path, only: frozenset[str] | None = None) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.folder = directory
        self.only = only

    async def get_response(self, path: str, scope: Scope) -> Response:
        if self.only is not None and path not in self.only:
            raise HTTPException(404)
        response = await super().get_response(path, scope)
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [""])[-1]
        current = self.folder / path
        fresh = bool(asked) and current.is_file() and asked == version(current)
        response.headers["Cache-Control"] = IMMUTABLE if fresh else REVALIDATE
        return response
