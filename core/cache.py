"""A small on-disk cache for start-up work (parsed format files, discovered entry points).

Entries are pickled into the user's cache folder (``$XDG_CACHE_HOME/werkzeugkoffer`` or
``~/.cache/werkzeugkoffer``) together with a key; a stale, unreadable or missing entry is simply
recomputed. ``WERKZEUGKOFFER_NO_CACHE=1`` turns the cache off. A read-only home means no cache.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Any

from .files import write_atomic


def cache_dir() -> Path | None:
    if os.environ.get("WERKZEUGKOFFER_NO_CACHE") == "1":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "werkzeugkoffer"


def _path(name: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{name}-{zlib.crc32(name.encode()):08x}.pickle"


def read(name: str, key: Any) -> Any | None:
    """The cached value for ``name`` if it was stored with an equal ``key``, else None."""
    path = _path(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:  # missing, unreadable, from another version: recompute
        return None
    return value if stored_key == key else None


def write(name: str, key: Any, value: Any) -> None:
    path = _path(name)
    if path is None:
        return
    try:
        write_atomic(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def files_key(paths) -> tuple:
    """A key that changes when any of the files (or folders) changes: name, size, mtime."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            out.append((str(p), None))
            continue
        out.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(out)
