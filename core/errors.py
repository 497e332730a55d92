"""The one exception hierarchy of werkzeugkoffer.

Every error meant to be shown to a user derives from :class:`WerkzeugkofferError`. The CLI prints
its message (no traceback unless ``--debug``) and exits with :attr:`exit_code`: 2 for bad input,
1 for a failed check.
"""

from __future__ import annotations


class WerkzeugkofferError(Exception):
    """Base class of all errors that are displayed to the user."""

    exit_code = 2

    def __init__(self, message: str, *, details: list[str] | tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.details = list(details)

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return "\n".join([self.message, *("  " + d for d in self.details)])


class InputError(WerkzeugkofferError):
    """Bad input: a file that cannot be read, parsed or validated."""


class WorkspaceError(InputError):
    """A workspace (labor.toml, gemeinden/*.toml, formate/*.toml) is missing or invalid."""


class FormatError(InputError):
    """A participation format is malformed."""


class OutputError(WerkzeugkofferError):
    """A file, folder or the result database cannot be written (full disk, no permission,
    read-only folder). The message names what failed and where; nothing half-written is left at
    the final path."""


class PluginError(WerkzeugkofferError):
    """A plugin failed to import, raised in a hook or returned something invalid."""


class CheckFailed(WerkzeugkofferError):
    """A check found errors in an otherwise readable workspace."""

    exit_code = 1


class ResultError(InputError):
    """A result does not fit its session or its format's result schema."""


class PlanningError(WerkzeugkofferError):
    """A planning request (template, schedule, suggestion) cannot be met."""

    exit_code = 1
