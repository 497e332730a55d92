"""Small file helpers every stage uses: reading input files within limits, parsing TOML with
clear errors, and atomic writes that say what failed and where.

Limits at the edge (see ``docs/limits.md``): only regular files are read (also through a
symlink; never a device, FIFO or socket), at most :func:`max_file_bytes` of them
(``WERKZEUGKOFFER_MAX_FILE_MB``, default 20); TOML nested too deeply or holding a number too large
is refused with the file, the line and the field.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import tomllib
from itertools import accumulate
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError
from .i18n import N_, _, decimal, ngettext

MAX_FILE_MB_VARIABLE = "WERKZEUGKOFFER_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 20
#: deepest nesting of tables, lists and dotted keys in a TOML file (rtoml allows about 80)
MAX_TOML_DEPTH = 64
#: digits of the longest whole number in a TOML file (more than any 64-bit number has)
MAX_TOML_DIGITS = 40


# -- reading -----------------------------------------------------------------------------------


def max_file_bytes() -> int:
    """The size limit of an input file: ``WERKZEUGKOFFER_MAX_FILE_MB`` megabytes (default 20)."""
    raw = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not 0 < mb < 1e6:
        raise InputError(_("{setting}: expected a number of megabytes > 0").format(
            setting=f"{MAX_FILE_MB_VARIABLE}={raw!r}"))
    return int(mb * 1024 * 1024)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{decimal(n / (1024 * 1024))} MB"
    if n >= 1024:
        return f"{decimal(n / 1024)} KB"
    return ngettext("{n} byte", "{n} bytes", n).format(n=n)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def read_input(path: str | Path, where: str, *, error: type[InputError] = InputError,
               folder_hint: str = N_("expected a file")) -> bytes:
    """The bytes of an input file, within the limits: a regular file (also through a symlink),
    at most :func:`max_file_bytes` long. Problems raise ``error`` naming ``where``.
    ``folder_hint`` (marked with ``N_``) is translated here."""
    not_a_file = _("{file}: {kind}, not a file; only ordinary files are read")
    limit = max_file_bytes()
    try:
        st = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise error(_("{file}: file not found").format(file=where)) from None
    except OSError as exc:
        raise error(cannot_read(where, exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(_("{file}: is a folder, {hint}").format(file=where, hint=_(folder_hint)))
    if not stat.S_ISREG(st.st_mode):
        raise error(not_a_file.format(file=where, kind=_kind(st.st_mode)))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(cannot_read(where, exc)) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())  # the file opened, not the name looked at before
        if not stat.S_ISREG(st.st_mode):
            raise error(not_a_file.format(file=where, kind=_kind(st.st_mode)))
        too_big = _("{file}: file too large ({size}; the limit is {limit}, set {variable} to "
                    "change it)")
        if st.st_size > limit:
            raise error(too_big.format(file=where, size=_size(st.st_size), limit=_size(limit),
                                       variable=MAX_FILE_MB_VARIABLE))
        try:
            data = fh.read(limit + 1)  # a file that grows (or a /proc file) stops at the limit
        except OSError as exc:
            raise error(cannot_read(where, exc)) from None
    if len(data) > limit:
        raise error(too_big.format(file=where, limit=_size(limit), variable=MAX_FILE_MB_VARIABLE,
                                   size=_("more than {size}").format(size=_size(limit))))
    return data


def cannot_read(where, exc: OSError) -> str:
    """``where: cannot read file: reason``."""
    return _("{file}: cannot read file: {reason}").format(file=where, reason=_reason(exc))


def read_toml(path: Path, where: str) -> dict[str, Any]:
    """Read a TOML file; errors name the file (``where``) and the position."""
    raw = read_input(path, where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            _("{file}: not UTF-8 text (byte {byte}); save the file as UTF-8").format(
                file=where, byte=exc.start)
        ) from None
    if not text.strip():
        raise InputError(_("{file}: file is empty").format(file=where))
    return parse_toml(text, where)


def parse_toml(text: str, where: str, *, error: type[InputError] = InputError,
               suffix: str = "") -> dict[str, Any]:
    """Parse TOML text; every problem is an ``error`` naming ``where`` (and the line and field
    for a number too large or nesting too deep). ``suffix`` ends each message."""
    try:
        import rtoml
    except ImportError:  # pragma: no cover - rtoml is a dependency, but optional in spirit
        rtoml = None
    if rtoml is not None:
        try:
            data = rtoml.loads(text)
        except rtoml.TomlParsingError as exc:
            raise error(_rtoml_message(str(exc), text, where) + suffix) from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # pyo3's PanicException: let tomllib try, within limits
            pass
        else:
            if isinstance(data, dict):
                return data
    # tomllib recurses (1,000 nested lists end in RecursionError), converts long numbers
    # quadratically and slows down on thousands of dotted keys: check the limits first
    problem = _limits_problem(text, where)
    if problem:
        raise error(problem + suffix)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(_("{file}: invalid TOML: {error}").format(file=where, error=exc)
                    + suffix) from None
    except (RecursionError, MemoryError):
        raise error(_("{file}: nested too deeply").format(file=where) + suffix) from None
    except ValueError as exc:  # Python's limit of 4,300 digits for int()
        raise error(_("{file}: number too large ({error})").format(file=where, error=exc)
                    + suffix) from None


_POSITION_RE = re.compile(r" at line (\d+) column (\d+)")
_HEADER_RE = re.compile(r"\s*(\[\[?)\s*([^\]#]*?)\s*\]")
_KEY_RE = re.compile(r"\s*([^=\[#]+?)\s*=")


def _rtoml_message(message: str, text: str, where: str) -> str:
    found = _POSITION_RE.search(message)
    line = int(found.group(1)) if found else None
    if "overflow" in message or "too large" in message:
        what = _("number too large (more than {n} digits or not a 64-bit number)").format(
            n=MAX_TOML_DIGITS)
    elif "recurs" in message:
        what = _("nested too deeply (too many levels of lists, tables or dotted keys)")
        if line is None:
            line = _deepest_line(text)
    else:
        return _toml_syntax_message(message, text, where, found)
    field = _field_at(text, line) if line else ""
    at = " " + _("(line {line})").format(line=line) if line else ""
    return f"{where}: {field + ': ' if field else ''}{what}{at}"


# The TOML parser's (rtoml, Rust's toml crate) common messages, by how they begin: what a
# person who typed the file should read instead. Others are wrapped, the parser's English in
# parentheses.
_TOML_MESSAGES = (
    ("invalid datetime", N_("invalid date or time {value}")),
    ("invalid date", N_("invalid date {value} (dates as YYYY-MM-DD)")),
    ("invalid time", N_("invalid time {value} (times as HH:MM in quotes)")),
    ("invalid float", N_("invalid value {value} (texts and times need quotes, dates are "
                         "written YYYY-MM-DD, numbers with a decimal point)")),
    ("duplicate key", N_("set twice: each key (and each [table]) once per table")),
    ("string values must be quoted", N_("missing value or text without quotes (write "
                                        "key = \"text\")")),
    ("invalid basic string", N_("text not closed: the closing quote \" is missing")),
    ("invalid multi-line basic string", N_('text not closed: the closing """ is missing')),
    ("invalid literal string", N_("text not closed: the closing quote ' is missing")),
    ("unclosed array", N_("list not closed: ] is missing")),
    ("unclosed inline table", N_("inline table not closed: the closing brace is missing")),
    ("unclosed table", N_("table header not closed: ] is missing")),
    ("invalid boolean", N_("expected true or false (lower case, without quotes)")),
    ("key with no value", N_("key without a value: expected = after the key (keys with spaces "
                             "need quotes)")),
    ("invalid unquoted key", N_("key with characters other than a-z, A-Z, 0-9, - and _: put it "
                                "in quotes")),
    ("extra comma in array", N_("two commas in a row in a list")),
    ("missing escaped value", N_("invalid \\ in a text (write \\\\ for a backslash)")),
    ("`_` may only go between digits", N_("_ in a number may only stand between digits")),
)
_TOKEN_RE = re.compile(r"[^\s=,\[\]{}#]+")


def _token_at(text: str, line: int, column: int) -> str:
    """The value written at ``line``/``column`` (1-based) of ``text``: the run of characters
    around that position up to a space, ``=``, ``,``, a bracket or a comment."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    current = lines[line - 1]
    for found in _TOKEN_RE.finditer(current):
        if found.start() <= column - 1 < max(found.end(), found.start() + 1):
            return found.group(0)
    return ""


def _toml_syntax_message(message: str, text: str, where: str, found) -> str:
    """``file: field: what is wrong (line L, column C)``, in the reader's language."""
    from .dates import date_text_problem

    error = _POSITION_RE.sub("", message).strip()
    if found is None:
        return _("{file}: invalid TOML ({error})").format(file=where, error=error)
    line, column = int(found.group(1)), int(found.group(2))
    field = _field_at(text, line)
    at = _("line {line}, column {column}").format(line=line, column=column)
    prefix = f"{where}: {field}: " if field else f"{where}: "
    value = _token_at(text, line, column)
    quoted = _('"{value}"').format(value=value) if value else ""
    if error.startswith(("invalid date,", "invalid float")) and value:
        problem = date_text_problem(value)
        if problem:  # 2022-02-31: no such day; 15.06.2022: write 2022-06-15
            return prefix + _("invalid date {value}: {problem} ({at})").format(
                value=quoted, problem=problem, at=at)
    for start, explanation in _TOML_MESSAGES:
        if error.startswith(start):
            what = _(explanation).format(value=quoted).replace("  ", " ")
            return prefix + _("{what} ({at})").format(what=what, at=at)
    return prefix + _("invalid TOML in {at} ({error})").format(at=at, error=error)


def _deepest_line(text: str) -> int | None:
    best, best_line = 0, None
    for n, line in enumerate(text.splitlines(), start=1):
        depth = line.count(".") + line.count("[") + line.count("{")
        if depth > best:
            best, best_line = depth, n
    return best_line


def _short(name: str) -> str:
    return name if len(name) <= 60 else name[:57] + "..."


def _field_at(text: str, line: int) -> str:
    """The field path a line of a TOML file sets, e.g. ``phases[1].sessions[0].expected``."""
    lines = text.splitlines()
    counts: dict[str, int] = {}
    table = ""
    for raw in lines[: max(0, line - 1)]:
        header = _HEADER_RE.match(raw)
        if header is None or raw.lstrip().startswith("#"):
            continue
        name = re.sub(r"\s*\.\s*", ".", header.group(2)).replace('"', "").replace("'", "")
        if header.group(1) == "[[":
            counts[name] = counts.get(name, 0) + 1
            for key in [k for k in counts if k.startswith(name + ".")]:
                del counts[key]
        table = name
    parts = []
    prefix = ""
    for part in table.split(".") if table else []:
        prefix = f"{prefix}.{part}" if prefix else part
        parts.append(f"{part}[{counts[prefix] - 1}]" if prefix in counts else part)
    path = ".".join(parts)
    if 0 < line <= len(lines):
        current = lines[line - 1]
        header = _HEADER_RE.match(current)
        if header is not None:
            return _short(header.group(2))
        key = _KEY_RE.match(current)
        if key is not None:
            name = key.group(1).replace('"', "").replace("'", "").replace(" ", "")
            path = f"{path}.{name}" if path else name
    return _short(path)


_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
_LONG_NUMBER = re.compile(r"[0-9_]{%d,}" % (MAX_TOML_DIGITS + 1))
_BRACKETS = re.compile(r"[^\[\]{}]+")
_DOTTED = re.compile(r"(?:\.[^.\n=\[\]{},]*){%d,}" % MAX_TOML_DEPTH)


def _limits_problem(text: str, where: str) -> str | None:
    """A bounded scan (linear, C-speed regular expressions) for what tomllib cannot take."""
    bare = _STRINGS_AND_COMMENTS.sub('""', text)
    long_number = _LONG_NUMBER.search(bare)
    if long_number:
        line = bare.count("\n", 0, long_number.start()) + 1
        return _("{file}: number too large (more than {n} digits) (line {line})").format(
            file=where, n=MAX_TOML_DIGITS, line=line)
    brackets = _BRACKETS.sub("", bare)
    if brackets:
        deepest = max(accumulate(1 if c in "[{" else -1 for c in brackets))
        if deepest > MAX_TOML_DEPTH:
            return _("{file}: nested too deeply (more than {n} levels)").format(
                file=where, n=MAX_TOML_DEPTH)
    if _DOTTED.search(bare):
        return _("{file}: nested too deeply (more than {n} dotted keys)").format(
            file=where, n=MAX_TOML_DEPTH)
    return None


# -- writing -----------------------------------------------------------------------------------


# the operating system's reasons for the failures people meet (in English in its own words), in
# the user's language; others keep the system's words
_REASONS = {
    errno.ENOSPC: N_("no space left on device"),
    errno.EDQUOT: N_("disk quota exceeded"),
    errno.EROFS: N_("read-only file system"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENAMETOOLONG: N_("file name too long"),
    errno.ENOENT: N_("no such file or directory"),
    errno.ENOTDIR: N_("not a directory"),
    errno.EISDIR: N_("is a directory"),
}


def _reason(exc: OSError) -> str:
    if exc.errno in _REASONS:
        return _(_REASONS[exc.errno])
    text = exc.strerror or str(exc) or exc.__class__.__name__
    return text[:1].lower() + text[1:]


_ADVICE = {
    errno.ENOSPC: N_("free some space and run again"),
    errno.EDQUOT: N_("free some space and run again"),
    errno.EROFS: N_("choose a writable folder"),
    errno.EACCES: N_("no permission to write there; choose a writable folder"),
    errno.EPERM: N_("no permission to write there; choose a writable folder"),
    errno.ENAMETOOLONG: N_("shorten the name"),
}


def output_error(exc: OSError, where: str | Path) -> OutputError:
    """The :class:`OutputError` for a failed write: ``where: cannot write: reason; advice``."""
    advice = _ADVICE.get(exc.errno or 0)
    message = _("{file}: cannot write: {reason}").format(file=where, reason=_reason(exc))
    return OutputError(f"{message}; {_(advice)}" if advice else message)


def make_dir(path: Path, where: str | Path | None = None) -> None:
    """``mkdir -p``; a failure is an :class:`OutputError` naming the folder."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(_("{file}: cannot write: exists and is not a folder").format(
            file=where or path)) from None
    except OSError as exc:
        raise output_error(exc, where or path) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes | str, *, where: str | Path | None = None) -> None:
    """Write a file atomically: a temporary file ``.<name>.*.tmp`` in the same folder, then a
    rename. Nothing half-written is ever left at ``path``; an :class:`OutputError` names ``where``
    (default: the path) and the reason (full disk, no permission, read-only folder)."""
    path = Path(path)
    if not path.parent.is_dir():
        make_dir(path.parent)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise output_error(exc, where or path) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise output_error(exc, where or path) from None
        raise


#: the temporary files of write_atomic: ".<name>.<8 characters of mkstemp>.tmp"
_TEMP_RE = re.compile(r"\A\..+\.[a-z0-9_]{8}\.tmp\Z")


def remove_stale_temp_files(folder: Path, depth: int = 2) -> int:
    """Remove the temporary files of :func:`write_atomic` that a killed process left in
    ``folder`` and its subfolders down to ``depth`` levels; return how many. Only names of the
    form ``.<name>.<8 characters>.tmp`` are touched. Call it only while nothing else writes
    there (the kit build holds its lock)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 0:
                    removed += remove_stale_temp_files(Path(entry.path), depth - 1)
            elif entry.is_file(follow_symlinks=False) and _TEMP_RE.match(entry.name):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed
