"""The words of the web pages and the progress report, in Vietnamese first: gettext catalogs and Jinja2 templates.

Templates are written with English message ids (``{{ _("Search") }}``);
``index/locale/vi`` translates them, ``en`` keeps them. Vietnamese is the
default: the readers of a Vietnamese archive read it. The ``.mo`` files are
compiled from the ``.po`` files and committed (``tests/index/test_i18n.py``
checks they are current; ``docs/operations.md`` says how to update them).

Every template is rendered with autoescaping, so OCR text and metadata
(which may say ``<script>``) are escaped by default, not by habit. One
Jinja2 environment per language and template folder, made once.

It lives in ``index``, the lowest layer whose pages need it: the manager's
report in ``pipelines`` reaches it the way dependencies point
(``pipelines → index``), and ``digitize`` writes no page a person reads.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2

from digitize.errors import DigitizeError

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang``; message ids as they are for a language without one."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def negotiate(accept_language: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The first language of an ``Accept-Language`` header we have, by preference; ``default`` when none."""
    offered = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        lang = tag.strip().lower().split("-")[0]
        if lang in LANGUAGES and quality > 0:
            offered.append((-quality, position, lang))
    return min(offered)[2] if offered else default


@cache
def environment(templates: Path | tuple[Path, ...], lang: str) -> jinja2.Environment:
    """Templates of ``templates`` (a folder, or folders searched in order) in ``lang``, HTML and XML autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        auto_reload=False,  # templates are installed files: no stat of each on every render
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = lang
    return env


def render(templates: Path | tuple[Path, ...], name: str, lang: str, **context: object) -> str:
    return environment(templates, lang).get_template(name).render(**context)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs (``pybabel extract -k N_``); it is translated where it is shown."""
    return message


def gettext_in(lang: str, message: str) -> str:
    """``message`` translated into ``lang``, for text made outside a template (a reason in an error page)."""
    return translations(lang).gettext(message)


@dataclass(frozen=True)
class Message:
    """A sentence made outside a template (a report's note), kept as its English message id and the values it
    names, so each reader gets it in their own language; ``str()`` is the English, for JSON and terminals."""

    id: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.id.format(**self.values)

    def in_language(self, lang: str) -> str:
        return gettext_in(lang, self.id).format(**self.values)


class TranslatableError(DigitizeError):
    """An error a reader is shown, worded as a ``Message`` so each gets it in their own language (``str()`` is the
    English, for logs); ``status`` the HTTP status it is answered with, 400 (a malformed request) unless told."""

    status = 400

    def __init__(self, reason: str, status: int | None = None, **values: object) -> None:
        self.message = Message(reason, values)
        super().__init__(None, str(self.message))
        if status is not None:
            self.status = status
