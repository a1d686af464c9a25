"""Files the site offers for download: formula-safe cells, atomic writes."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dxplan.core import labels as shared_words
from collections.abc import Callable, Sequence
from pathlib import Path


#: A cell starting with one of these is run as a formula by Excel / LibreOffice (OWASP CSV
#: injection), including the full-width forms Japanese input methods type (Excel reads ＝ as =).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: Spreadsheets skip these before looking for a formula sign.
_LEADING_BLANKS = " " + shared_words.FULL_WIDTH_SPACE


def safe_cell(value: object) -> object:
    """The one way a value becomes a spreadsheet cell (.xlsx and CSV, every sheet).

    Numbers stay numbers; text that would start a formula is prefixed with ' (OWASP).
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.lstrip(_LEADING_BLANKS).startswith(FORMULA_STARTS) else text


def safe_row(values: Sequence[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def looks_like_formula(value: object) -> bool:
    """What a scan of written files flags: text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.lstrip(_LEADING_BLANKS).startswith(FORMULA_STARTS)


#: Temporary files end with this, so a later run recognises (and removes) what a killed run left.
TEMP_SUFFIX = ".dxplan-tmp"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_temp_files(folder: Path, *, every: bool = False) -> list[Path]:
    """Remove the temporary files of writers that died (all of them when `every`: the caller
    holds the folder's write lock, so no writer is running)."""
    removed = []
    for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
        pid = tmp.name[: -len(TEMP_SUFFIX)].rpartition(".")[0].rpartition(".")[2]
        if every or (pid.isdigit() and not pid_alive(int(pid))):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, check: Callable[[bytes], None] | None = None) -> None:
    """Write a temporary file beside `path`, fsync it, read it back through `check`, rename it,
    fsync the folder: readers see the old file or the new one, never half of one.

    The temporary name (.NAME.PID.RANDOM.dxplan-tmp) lets a later run remove what a killed one left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_temp_files(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check(Path(tmp).read_bytes())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a published file must be readable
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with BOM (so Excel opens Japanese text correctly), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    writer.writerows([safe_row(row) for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def header_footer_text(text: str) -> str:
    """Text for a printed page's header or footer: '&' starts a control code there (&P, &D)."""
    return str(text).replace("&", "&&")
