"""Click classes that show help texts in the user's language.

Help texts are written in English and marked with ``N_`` where they are defined (decorators run
at import time, before the language is known); these classes translate them when help is shown.
Click's own messages ("Usage:", "Options:", its errors) are translated through the same
catalogue (see :func:`werkzeugkoffer.cli.activate_language`).

Use ``@command``, ``@group`` and ``@option`` from this module instead of click's.
"""

from __future__ import annotations

import functools

import click

from werkzeugkoffer.i18n import N_, _, is_german, ngettext

#: click's own help text of ``--help`` (translated in our catalogue, which holds click's messages)
HELP_OPTION_HELP = N_("Show this message and exit.")
#: click's placeholders in the usage line (``Usage: werkzeugkoffer [OPTIONS] COMMAND [ARGS]...``)
USAGE_PLACEHOLDERS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))


def _tr(text):
    if not text or not isinstance(text, str):
        return text
    return _(text)


class _Translated:
    """Mixin for commands and groups: translate ``help``, ``short_help`` and ``epilog``."""

    def get_short_help_str(self, limit: int = 45) -> str:
        with _swapped(self, "help", "short_help"):
            return super().get_short_help_str(limit)

    def format_help_text(self, ctx, formatter) -> None:
        with _swapped(self, "help"):
            super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx, formatter) -> None:
        with _swapped(self, "epilog"):
            super().format_epilog(ctx, formatter)

    def collect_usage_pieces(self, ctx):
        # click's placeholders "[OPTIONS]" and "COMMAND [ARGS]..." of the usage line
        return [_(p) if p in USAGE_PLACEHOLDERS else p for p in super().collect_usage_pieces(ctx)]

    def get_help_option(self, ctx):
        # click makes the help option once per command, with its help text translated at that
        # moment; keep click's English message id instead and translate it when shown
        option = super().get_help_option(ctx)
        if option is not None and not isinstance(option, Option):
            option.__class__ = Option
            option.help = HELP_OPTION_HELP
        return option


class _swapped:
    """Temporarily replace text attributes of a click object by their translation."""

    def __init__(self, obj, *names: str):
        self.obj = obj
        self.names = names
        self.saved: dict[str, object] = {}

    def __enter__(self):
        for name in self.names:
            value = getattr(self.obj, name, None)
            self.saved[name] = value
            setattr(self.obj, name, _tr(value))
        return self

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            setattr(self.obj, name, value)
        return False


class Command(_Translated, click.Command):
    pass


class Group(_Translated, click.Group):
    command_class = Command
    group_class = type  # subgroups are of this class too


class Option(click.Option):
    """An option whose help text (and a textual ``show_default``) is translated when shown."""

    def get_help_record(self, ctx):
        names = ["help"] + (["show_default"] if isinstance(self.show_default, str) else [])
        with _swapped(self, *names):
            return super().get_help_record(ctx)


def _error_hint(self, ctx) -> str:
    """``'--phase'`` as click names a parameter in its errors, ``„--phase“`` in German."""
    if not is_german():
        return _click_error_hint(self, ctx)
    return " / ".join(f"„{x}“" for x in (self.opts or [self.human_readable_name]))


# click quotes a parameter's name with '...' inside the message it translates ("Invalid value
# for {param_hint}"), so the catalogue cannot change those quotes; every parameter (options and
# arguments, also those declared with click's own decorators) gets German quotes here instead.
_click_error_hint = click.core.Parameter.get_error_hint
click.core.Parameter.get_error_hint = _error_hint


def _invalid_choice(self, value, ctx) -> str:
    """click lists the choices with repr ('csv', 'xlsx'); in German „csv“, „xlsx“."""
    if not is_german():
        return _click_invalid_choice(self, value, ctx)
    choices = ", ".join(f"„{c}“" for c in self._normalized_mapping(ctx=ctx).values())
    return ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.",
                    len(self.choices)).format(value=value, choice=choices, choices=choices)


_click_invalid_choice = click.types.Choice.get_invalid_choice_message
click.types.Choice.get_invalid_choice_message = _invalid_choice

command = functools.partial(click.command, cls=Command)
group = functools.partial(click.group, cls=Group)
option = functools.partial(click.option, cls=Option)


#: the answers ``confirm`` takes, in both languages
YES = ("y", "yes", "j", "ja")
NO = ("n", "no", "nein")


def confirm(text: str, *, default: bool = False) -> bool:
    """``click.confirm`` in the user's language: ``Delete 1 result? [y/N]`` in English,
    ``1 Ergebnis löschen? [j/N]`` in German; "j"/"ja" and "y"/"yes" both mean yes (click's own
    confirm shows and takes only y/n)."""
    suffix = _("[Y/n]") if default else _("[y/N]")
    while True:
        answer = click.prompt(f"{text} {suffix}", default="", show_default=False,
                              prompt_suffix=" ").strip().lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        click.echo(_("Error: invalid input"), err=True)
