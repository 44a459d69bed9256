"""Strings every table can store and every terminal can print: file names shown as valid UTF-8
with control characters escaped, and lone surrogates replaced with U+FFFD.
"""
from __future__ import annotations

import os
import re

# Control characters (C0, DEL, C1) in a file name would move the cursor or recolour the terminal
# when a reason naming the file is printed.
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A lone surrogate: half of a UTF-16 pair, which no UTF-8 encoder accepts.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def display_path(path: str | os.PathLike) -> str:
    """A path as printable text that is valid UTF-8; `str(path)` for an ordinary name.

    Name bytes that are not UTF-8 (Linux gives `caf\\udce9.txt` for a name made on Windows or an
    old share) are shown as `\\xe9`, and control characters as `\\n`, `\\x1b`, so the text can be
    stored in any table and printed safely. Files are still opened with the real path.
    """
    name = os.fspath(path)
    if isinstance(name, str):
        try:
            name = os.fsencode(name)
        except UnicodeEncodeError:  # a surrogate no file-system byte stands for
            name = name.encode("utf-8", "surrogatepass")
    shown = name.decode("utf-8", "backslashreplace")
    if _NAME_CONTROL.search(shown):
        shown = _NAME_CONTROL.sub(lambda m: _NAMED_ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), shown)
    return shown


def _without_surrogates(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def _printable(message: str) -> str:
    """A reason as one printable line of valid UTF-8, whatever the error it came from held."""
    message = " ".join(message.split())
    message = _without_surrogates(message)[0]
    return _NAME_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


def _replace_surrogates(value: dict | list) -> int:
    """Replace lone surrogates with U+FFFD in every string (keys too) of a parsed JSON value,
    in place; the number replaced. JSON from JavaScript writes them (`\\ud83d` alone) when a
    string is cut inside an emoji, and no UTF-8 table or cache can store them. Iterative, so
    a deeply nested record cannot exhaust the stack."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        pairs = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        fixed = []
        for key, v in pairs:
            if isinstance(key, str):
                key, n = _without_surrogates(key)
                total += n
            if isinstance(v, str):
                v, n = _without_surrogates(v)
                total += n
            elif isinstance(v, (dict, list)):
                stack.append(v)
            fixed.append((key, v))
        if isinstance(item, dict):
            item.clear()
            item.update(fixed)
        else:
            item[:] = [v for _, v in fixed]
    return total
