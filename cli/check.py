"""``werkzeugkoffer check``."""

from __future__ import annotations

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, option
from .options import echo_json, json_option, municipalities_argument


@command()
@municipalities_argument
@option("--all-findings", is_flag=True,
        help=N_("List every finding (default: at most 100 per check, and a count of the rest)."))
@json_option
@click.pass_obj
def check(state, gemeinden, all_findings, as_json):
    """Check the workspace's plans (all municipalities, or the ones named).

    Reports errors and warnings with file and field. Exit code 0 when there are no errors, 1 when
    a check found errors, 2 when the workspace cannot be read.
    """
    from werkzeugkoffer import CheckFailed, has_errors, run_checks, to_json
    from werkzeugkoffer.checks import MAX_FINDINGS_PER_CHECK

    ws = state.workspace()
    findings = run_checks(ws, gemeinden, limit=None if all_findings else MAX_FINDINGS_PER_CHECK)
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = len(findings) - errors
    if as_json:
        echo_json([to_json(f) for f in findings])
    else:
        for f in findings:
            click.echo(str(f))
        checked = len(ws.select(list(gemeinden)))
        click.echo(_("{municipalities} checked: {errors}, {warnings}.").format(
            municipalities=ngettext("{n} municipality", "{n} municipalities",
                                    checked).format(n=checked),
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        ))
    if has_errors(findings):
        raise CheckFailed(ngettext("check found {n} error", "check found {n} errors",
                                   errors).format(n=errors))
