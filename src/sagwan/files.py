"""Writing output files whole: through a temporary file beside the target, then a rename, so a reader
(or a crash) sees the old file or the new one, never half of one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sagwan.errors import ConfigError


def write_atomically(path: str | Path, write: Callable[[Path], None], what: str = "file") -> Path:
    """Call `write(tmp)` and move `tmp` onto `path`; a failure names the file and leaves nothing behind."""
    path = Path(path)
    if path.exists() and not path.is_file():
        # a device or a pipe (-o /dev/null, -o /dev/stdout): write into it; renaming onto it would
        # replace the device with a regular file
        try:
            write(path)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from exc
        return path
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"{path}: cannot write the {what} ({exc.strerror or exc}); "
                          "check that the folder exists and is writable") from exc
    return path
