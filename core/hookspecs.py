"""Hook specifications: every hook a werkzeugkoffer plugin can implement.

A plugin writes::

    from werkzeugkoffer import hookimpl

    @hookimpl
    def register_formats(register):
        register(MY_FORMAT)

Hooks are called with keyword arguments only; an implementation may accept fewer arguments than
the specification, so hooks can grow arguments without breaking plugins.
"""

from __future__ import annotations

from typing import Any, Callable

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("werkzeugkoffer")
hookimpl = HookimplMarker("werkzeugkoffer")


@hookspec
def register_formats(register: Callable[..., None]) -> None:
    """Register participation formats by calling ``register(format)`` once per format.

    :param register: call it with a :class:`werkzeugkoffer.Format`. The core rejects a duplicate
        id or a malformed format with a message naming the plugin.
    """


@hookspec
def register_checks(register: Callable[..., None]) -> None:
    """Register workspace checks by calling ``register(check)`` once per check.

    :param register: call it with a function ``check(context) -> Iterable[Finding]``; its name
        (or ``register(check, name="...")``) identifies the check in findings.
        ``context`` is a :class:`werkzeugkoffer.CheckContext` with the workspace and catalogue.
    """


@hookspec
def template_dirs() -> list[str] | None:
    """Return folders of jinja2 templates this plugin ships (method cards, kit parts).

    Plugin template folders come after the workspace's ``templates/`` and before the built-in
    defaults in the lookup order.
    """


@hookspec
def suggest_formats(municipality: Any, phase: int, candidates: list[Any], context: Any) -> Any:
    """Weigh in on which formats to propose for a phase.

    Return a mapping ``{format_id: (score_delta, reason)}``; the deltas of all plugins are added
    to the core's scores and their German reasons shown to the planner.

    :param municipality: the :class:`werkzeugkoffer.Municipality` being planned.
    :param phase: the phase number (1 or 2).
    :param candidates: the :class:`werkzeugkoffer.Format` objects under consideration.
    :param context: a mapping with ``lab`` and, for phase 2, ``topics`` raised in phase 1
        (:class:`werkzeugkoffer.results.Topic` objects, best first; each unpacks as
        ``(topic, count)``).
    """
