"""Small file helpers every stage uses: atomic writes and reading TOML with clear errors."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from .errors import InputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a file atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def read_toml(path: Path, where: str) -> dict[str, Any]:
    """Read a TOML file; errors name the file (``where``) and the position."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{where}: file not found") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{where}: file is empty")
    data = _fast_loads(text)
    if data is not None:
        return data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: invalid TOML: {exc}") from None


def _fast_loads(text: str) -> dict[str, Any] | None:
    """Parse with rtoml (a compiled parser, ~15x faster than tomllib on workspace files).

    Returns None when rtoml is missing or rejects the text: then tomllib parses it again and
    gives its precise error message.
    """
    try:
        import rtoml
    except ImportError:  # pragma: no cover - rtoml is a dependency, but optional in spirit
        return None
    try:
        data = rtoml.loads(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # includes pyo3's PanicException
        return None
    return data if isinstance(data, dict) else None
