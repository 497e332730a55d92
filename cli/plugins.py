"""``werkzeugkoffer plugins``."""

from __future__ import annotations

import warnings

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option
from .options import echo_json, json_option


@command()
@option("--all", "show_all", is_flag=True, help=N_("Include the core's own default plugins."))
@json_option
@click.pass_obj
def plugins(state, show_all, as_json):
    """List installed plugins: name, version, hooks and formats.

    Broken plugins (an import that fails, an unknown hook, a hook that raises) are listed with
    the reason they were skipped; the others keep working. Write your own plugin with
    "werkzeugkoffer plugin new NAME". Formats that deliberately replace another source's format
    (replaces = "...") are shown with what they replace; inside a workspace, its own formats
    (formate/*.toml) too.

    Exit code 1 when a plugin is broken, 0 otherwise.
    """
    from werkzeugkoffer import WerkzeugkofferError, plugin_info
    from werkzeugkoffer.pluginmanager import PluginWarning, faults
    from werkzeugkoffer.workspace import LAB_FILE

    # Each plugin's faults are listed below, under the plugin: not as warnings as well.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        catalogue = None
        if (state.workspace_dir / LAB_FILE).is_file():
            try:
                catalogue = state.workspace().catalogue
            except WerkzeugkofferError as exc:
                click.echo(_("Warning: {message}").format(
                    message=_("the workspace's own formats are left out: {error}").format(
                        error=exc)), err=True)
        everything = plugin_info(catalogue)
    info = [p for p in everything if show_all or not p["builtin"]]
    listed = {p["name"] for p in info}
    for fault in dict.fromkeys(f for f in faults if f.plugin not in listed):
        click.echo(_("Warning: {message}").format(message=fault), err=True)
    broken = sum(1 for p in info if p["broken"])
    if as_json:
        echo_json(info)
        if broken:
            click.get_current_context().exit(1)
        return
    if not info:
        click.echo(_("No plugins installed."))
        return
    for p in info:
        version = f" {p['version']}" if p["version"] else ""
        dist = (
            f" ({p['distribution']})"
            if p["distribution"] and p["distribution"] not in (p["name"], "werkzeugkoffer")
            else ""
        )
        builtin = " [core]" if p["builtin"] else ""
        if p.get("workspace"):
            click.echo(_("formate/ (this workspace's own formats)"))
        else:
            click.echo(f"{p['name']}{version}{dist}{builtin}")
        if p["broken"]:
            click.echo("  " + _("BROKEN:  {reason}").format(reason=p["broken"]))
        if p["hooks"]:
            click.echo("  " + _("hooks:   {hooks}").format(hooks=", ".join(p["hooks"])))
        if p["formats"]:
            click.echo("  " + _("formats: {formats}").format(formats=", ".join(p["formats"])))
        for text in p["replaces"]:
            click.echo("  " + _("replaces: {what}").format(what=text))
        for text in p["problems"]:
            click.echo("  " + _("problem: {problem}").format(problem=text))
    formats = sum(len(p["formats"]) for p in info)
    plugins = sum(1 for p in info if not p.get("workspace"))
    counts = {"plugins": ngettext("{n} plugin", "{n} plugins", plugins).format(n=plugins),
              "formats": ngettext("{n} format", "{n} formats", formats).format(n=formats),
              "broken": broken}
    if broken:
        click.echo(_("{plugins}, {formats}, {broken} broken (skipped).").format(**counts))
        click.get_current_context().exit(1)
    else:
        click.echo(_("{plugins}, {formats}.").format(**counts))
