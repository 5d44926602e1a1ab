"""GitHub Actions workflow commands, escaped as @actions/core's toolkit does.

`data` escapes `%`, CR and LF (escapeData); `property` also `:` and `,` (escapeProperty). The
runner unescapes them again, so the annotation shows the text as it is. With line breaks
escaped, no value can start a line of its own (`::stop-commands::`, `::add-mask::`).
"""

from __future__ import annotations


def data(value: object) -> str:
    """The message part of a command (after the second `::`)."""
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def property_value(value: object) -> str:
    """A property's value (`file=…`, `title=…`)."""
    return data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line, e.g. `::error file=a.csv,line=2::message`."""
    props = ",".join(f"{key}={property_value(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{data(message)}"
