"""``werkzeugkoffer plugins``."""

from __future__ import annotations

import click

from .options import echo_json, json_option


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Include the core's own default plugins.")
@json_option
def plugins(show_all, as_json):
    """List installed plugins: name, version, hooks and formats.

    Broken plugins (an import that fails, an unknown hook, a hook that raises) are listed with
    the reason they were skipped; the others keep working. Write your own plugin with
    "werkzeugkoffer plugin new NAME".
    """
    from werkzeugkoffer import plugin_info

    info = [p for p in plugin_info() if show_all or not p["builtin"]]
    if as_json:
        echo_json(info)
        return
    if not info:
        click.echo("No plugins installed.")
        return
    for p in info:
        version = f" {p['version']}" if p["version"] else ""
        dist = (
            f" ({p['distribution']})"
            if p["distribution"] and p["distribution"] not in (p["name"], "werkzeugkoffer")
            else ""
        )
        builtin = " [core]" if p["builtin"] else ""
        click.echo(f"{p['name']}{version}{dist}{builtin}")
        if p["broken"]:
            click.echo(f"  BROKEN:  {p['broken']}")
        if p["hooks"]:
            click.echo(f"  hooks:   {', '.join(p['hooks'])}")
        if p["formats"]:
            click.echo(f"  formats: {', '.join(p['formats'])}")
    broken = sum(1 for p in info if p["broken"])
    formats = sum(len(p["formats"]) for p in info)
    click.echo(
        f"{len(info)} plugin(s), {formats} format(s)"
        + (f", {broken} broken (skipped)." if broken else ".")
    )
