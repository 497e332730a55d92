"""The installed version of werkzeugkoffer (printed on kits and reports, part of build hashes)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("werkzeugkoffer")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"
