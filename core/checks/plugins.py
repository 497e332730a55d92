"""The core's check of plugin faults: what a broken plugin means for the plan.

Registered like the core's other checks (:data:`werkzeugkoffer.pluginmanager.DEFAULT_PLUGINS`).
A session whose format is missing because of a plugin fault (the plugin is broken, its format
was refused, two sources registered the id) is not reported one by one as an unknown format:
one error per fault names the plugin and the reason and lists the sessions it affects. Plugin
faults that touch no session are warnings.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from .. import pluginmanager
from ..hookspecs import hookimpl
from ..i18n import _, ngettext
from . import CheckContext, Finding, and_more, error, warning

#: How many session ids a finding lists before "and N more".
SHOWN_SESSIONS = 5


@hookimpl(trylast=True)
def register_checks(register):
    register(check_plugin_faults, name="plugin_faults")


def check_plugin_faults(ctx: CheckContext) -> Iterator[Finding]:
    """One error per plugin fault that leaves sessions without their format; warnings else."""
    cat = ctx.catalogue
    affected: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for slug, m in ctx.municipalities.items():
        for i, phase in enumerate(m.phases):
            for j, s in enumerate(phase.sessions):
                if s.format in cat:
                    continue
                fault = cat.fault_for(s.format)
                if fault is not None:
                    affected[fault].append((slug, f"phases[{i}].sessions[{j}].format", s.id))
    reported = set()
    for (key, reason), sessions in affected.items():
        slug, path, _sid = sessions[0]
        ids = [sid for _, _, sid in sessions]
        shown = and_more(ids[:SHOWN_SESSIONS], len(ids) - SHOWN_SESSIONS)
        code = "broken-plugin" if key in cat.broken else "format-unavailable"
        yield error(
            code,
            ngettext("{reason}; {n} session uses its format and cannot be checked or printed: "
                     "{sessions}",
                     "{reason}; {n} sessions use its formats and cannot be checked or printed: "
                     "{sessions}",
                     len(ids)).format(reason=reason, n=len(ids), sessions=shown),
            file=ctx.file(slug), path=path,
        )
        reported.add(key)
    for fault in pluginmanager.faults:
        if fault.hook == "register_checks" or fault.plugin in reported or any(
            f'"{key}"' in fault.message for key in reported
        ):
            continue  # named above, or an error finding of run_checks
        yield warning("plugin-fault", _("{fault}; skipped").format(fault=fault))

