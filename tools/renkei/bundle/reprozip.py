"""Byte-identical zip files: sorted entries, fixed timestamps and permissions."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

FILE_MODE = 0o100644 << 16


def _info(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    # The zip format cannot hold dates before 1980.
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=when.tzinfo))
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    info.create_system = 3  # Unix, so the mode above is read the same everywhere
    return info


def build_zip(files: dict[str, bytes], when: dt.datetime, sort: bool = True) -> bytes:
    """A zip of FILES with fixed timestamps (WHEN) and permissions; sorted
    entries unless SORT is False."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files) if sort else files:
            archive.writestr(_info(name, when), files[name], compresslevel=9)
    return buffer.getvalue()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def modified_stamped(files: dict[str, bytes], when: dt.datetime) -> dict[str, bytes]:
    """An Office document's parts (FILES) with its "modified" property, which writers set to
    the time of saving, set to WHEN."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    if "docProps/core.xml" in files:
        files = dict(files)
        files["docProps/core.xml"] = _MODIFIED.sub(
            rb"\g<1>" + stamp + rb"\g<2>", files["docProps/core.xml"]
        )
    return files
