"""The core's check of copy master templates: every template a planned format's copy masters
name is in one of the template folders (workspace, plugins, defaults).

Registered like the core's other checks (:data:`werkzeugkoffer.pluginmanager.DEFAULT_PLUGINS`);
the template folders are looked up only when a planned format has copy masters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..checks import CheckContext, Finding, error
from ..hookspecs import hookimpl
from ..i18n import _
from ..text import did_you_mean


@hookimpl(trylast=True)
def register_checks(register):
    register(check_copy_master_templates, name="copy-master-templates")


def check_copy_master_templates(ctx: CheckContext) -> Iterator[Finding]:
    """A missing copy master template is an error at the first session of its format in each
    municipality (the kit would stop at it)."""
    first_use: dict[tuple[str, str], str] = {}
    for slug, m in ctx.municipalities.items():
        for i, phase in enumerate(m.phases):
            for j, s in enumerate(phase.sessions):
                fmt = ctx.catalogue.get(s.format)
                if fmt is not None and fmt.copy_masters:
                    first_use.setdefault((fmt.id, slug), f"phases[{i}].sessions[{j}].format")
    if not first_use:
        return
    from .environment import search_path

    dirs = [Path(d) for d in search_path(ctx.workspace)]
    missing: dict[str, list[str]] = {}
    for format_id in sorted({fid for fid, _use in first_use}):
        for k, cm in enumerate(ctx.catalogue[format_id].copy_masters):
            if not any((d / cm.template).is_file() for d in dirs):
                known = sorted(str(p.relative_to(d)) for d in dirs for p in d.rglob("*.html"))
                missing.setdefault(format_id, []).append(
                    _('format "{format}": copy_masters[{k}] names the template "{name}", '
                      "which is in none of the template folders{hint}").format(
                          format=format_id, k=k, name=cm.template,
                          hint=did_you_mean(cm.template, known))
                )
    for (format_id, slug), path in sorted(first_use.items()):
        for message in missing.get(format_id, ()):
            yield error("missing-template", message, file=ctx.file(slug), path=path,
                        municipality=slug)
