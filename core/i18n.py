"""Translations of user-facing messages (gettext), German when the locale is German.

Messages are written in English in the code and marked with :func:`_` (or :func:`ngettext` for
plural forms); :func:`N_` only marks a string for extraction (a ``--help`` text, translated
when it is shown). The German catalogue lives in ``locale/de/LC_MESSAGES/werkzeugkoffer.po``
and is shipped compiled (``.mo``) in the package; ``scripts/i18n.py`` extracts, updates and
compiles it (Babel), and ``tests/test_i18n.py`` fails when a marked string lacks a translation.

The language: ``WERKZEUGKOFFER_LANG`` (``de``, ``en``) when set, else the usual gettext
variables ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (``de_DE.UTF-8`` gives German),
read anew on every call, so one process can switch.
"""

from __future__ import annotations

import gettext
import inspect
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "werkzeugkoffer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def languages() -> tuple[str, ...]:
    """The languages asked for, most wanted first (empty: English)."""
    forced = os.environ.get("WERKZEUGKOFFER_LANG", "").strip()
    if forced:
        return tuple(part for part in forced.split(":") if part)
    for var in _ENV:
        value = os.environ.get(var, "").strip()
        if value:
            return tuple(part for part in value.split(":") if part)
    return ()


@lru_cache(maxsize=8)
def _translation(langs: tuple[str, ...]) -> gettext.NullTranslations:
    if not langs:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=list(langs), fallback=True)


def translation() -> gettext.NullTranslations:
    """The translation for the current environment (cached per language list)."""
    return _translation(languages())


def _(message: str) -> str:
    """``message`` in the user's language (a text of several lines as ``inspect.cleandoc``
    leaves it, which is how it is extracted)."""
    if "\n" in message:
        message = inspect.cleandoc(message)
    return translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the user's language."""
    return translation().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (translate it when shown)."""
    return message


def is_german() -> bool:
    """Whether messages are shown in German."""
    return isinstance(translation(), gettext.GNUTranslations)


def decimal(value: float, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals: ``1.5`` in English, ``1,5`` in German."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if is_german() else text


def thousands(value: int) -> str:
    """A whole number with thousands separators: ``12,000`` in English, ``12.000`` in German."""
    text = f"{value:,}"
    return text.replace(",", ".") if is_german() else text
