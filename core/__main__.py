"""``python -m werkzeugkoffer``: runs the console script, found through its entry point.

The core never imports the CLI package directly; the installed ``werkzeugkoffer`` console script
entry point names it.
"""

from importlib import metadata


def main() -> None:
    (ep,) = metadata.entry_points(group="console_scripts", name="werkzeugkoffer")
    ep.load()(prog_name="werkzeugkoffer")


if __name__ == "__main__":
    main()
