"""The CSV and TSV reader: a header row naming the fields, then one record a row, with quoted
fields that may run over several lines and an unbalanced quote costing only its record.
"""
from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path
from typing import Iterator

from ..article import MAX_ARTICLE_BYTES, Article, ReadError, Reject, _mb
from .decode import SAMPLE_BYTES, _TooLong
from .feeds import _record
from .files import _numbered_lines, _stem_id
from .printable import display_path

def read_csv(path: Path, delimiter: str | None = None) -> Iterator[Article | Reject]:
    """Read a CSV export: a header row naming the fields, then one record a row.

    The delimiter (`,`, `;` or tab, as spreadsheet exports vary by locale) is the one that
    makes a `text` column appear in the header. A file without a `text` column is refused
    whole; a row without text, or with more cells than the header, becomes a Reject
    (`list.csv:3` for the third record) and the other rows still load.

    Quoting follows the CSV convention (`"` around a field, `""` inside it), and a quoted field
    may run over several lines, as a text of several paragraphs does. An unbalanced quote would
    swallow the records after it, so this rule applies: a quoted field carried on to a later
    line must end with a quote followed by a delimiter or the line's end. When the next quote
    on a later line is followed by anything else (a quote opening the text of the next record),
    or the field never ends, its record becomes a Reject saying at which line it starts, and
    reading goes on from the line after that one. Tab-separated files are often written
    without quoting, where a text may begin with a quote mark; they are read with quotes as
    plain characters unless the file quotes the CSV way (a quoted header, or a quoted field
    holding a tab, a line break or a doubled quote).
    """
    name = display_path(path)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))
    lines = _numbered_lines(path, name)
    first = next(lines, (1, ""))[1]
    first = "" if isinstance(first, _TooLong) else first
    delimiter = delimiter or _csv_delimiter(first)
    lines, quoted = _csv_quoting(lines, first, delimiter)
    header = next(csv.reader([first], delimiter=delimiter, quoting=_quoting(quoted)), [])
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "text" not in {n.lower() for n in names}:
        found = ", ".join(repr(n) for n in names if n) or "none"
        raise ReadError(f"{name} has no 'text' column (columns found: {found}).")
    stem, number = _stem_id(path), 0
    for line, cells, problem in _csv_records(lines, delimiter, quoted):
        if problem is None and not any(cell.strip() for cell in cells):
            continue
        number += 1
        where, described = f"{name}:{number}", f"{name} record {number}"
        if problem is not None:
            yield Reject(where, f"{described} {problem.replace('{line}', str(line))}")
        elif len(cells) > len(names):
            yield Reject(where, f"{described} has {len(cells)} cells but the header names {len(names)} (an unquoted delimiter?).")
        else:
            yield from _record(dict(zip(names, cells)), f"{stem}-{number}", described, where)
    if number == 0:
        raise ReadError(f"{name} has a header but no records.")


def _quoting(quoted: bool) -> int:
    return csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE


# A field quoted the CSV way, from its opening quote to the closing one before a tab or a line end.
_QUOTED_TSV_FIELD = re.compile(r'(?:^|\t)"([^"]*(?:""[^"]*)*)"(?=\t|$)', re.M)


def _csv_quoting(lines: Iterator, header: str, delimiter: str) -> tuple[Iterator, bool]:
    """`(lines, quoted)`: whether quotes are CSV quoting; the lines looked at are put back."""
    if delimiter != "\t":
        return lines, True
    if header.startswith('"') and all(c.startswith('"') and c.endswith('"') for c in header.split("\t") if c):
        return lines, True
    sample, size = [], 0
    for item in lines:
        sample.append(item)
        size += len(item[1]) if isinstance(item[1], str) else SAMPLE_BYTES
        if size >= SAMPLE_BYTES:
            break
    text = "\n".join(line for _, line in sample if isinstance(line, str))
    quoted = any(re.search(r'[\t\n]|""', m.group(1)) for m in _QUOTED_TSV_FIELD.finditer(text))
    return itertools.chain(sample, lines), quoted


_UNCLOSED = ("(line {line}) opens a quoted field that is never closed (an unbalanced \"); it was not read,"
             " and the lines after it were read as records of their own.")
_TOO_BIG = f"is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article."


def _csv_records(lines: Iterator, delimiter: str, quoted: bool) -> Iterator[tuple[int, list[str], str | None]]:
    """`(first line, cells, problem)` for each record: physical lines joined while a quoted
    field runs on, by the rule of `read_csv`. `problem` is a reason ending (with `{line}` to
    fill in) for a record that cannot be read, else None."""
    pending: list = []  # lines to read again after a record was found broken, next one last

    def pull():
        return pending.pop() if pending else next(lines, None)

    while (start := pull()) is not None:
        taken, size, inside, current = [], 0, False, start
        while True:
            text = _csv_text(current[1])
            inside, broken = _quote_state(text, delimiter, inside) if quoted else (False, False)
            if broken:
                if size <= MAX_ARTICLE_BYTES:
                    pending.extend(reversed(taken[1:] + [current]))
                    yield start[0], [], _UNCLOSED
                else:  # the lines were not kept; they are part of the rejected record
                    pending.append(current)
                    yield start[0], [], _TOO_BIG
                break
            size += len(text) + 1
            taken.append(current if size <= MAX_ARTICLE_BYTES else (current[0], ""))
            if not inside:
                yield start[0], *_csv_cells(taken, delimiter, quoted, size)
                break
            current = pull()
            if current is None:
                if size <= MAX_ARTICLE_BYTES:
                    pending.extend(reversed(taken[1:]))
                yield start[0], [], _UNCLOSED if size <= MAX_ARTICLE_BYTES else _TOO_BIG
                break


def _csv_text(line: str | _TooLong) -> str:
    """The text of a line for the quote rule; a line too long to read stands as the quote it
    leaves open or closes, so the records after it still line up."""
    if isinstance(line, _TooLong):
        return '"' if line.odd_quotes else ""
    return line


def _csv_cells(taken: list, delimiter: str, quoted: bool, size: int) -> tuple[list[str], str | None]:
    """`(cells, problem)` of a record from its physical lines."""
    if size > MAX_ARTICLE_BYTES or any(isinstance(line, _TooLong) for _, line in taken):
        return [], _TOO_BIG
    try:
        rows = list(csv.reader([line + "\n" for _, line in taken], delimiter=delimiter, strict=False, quoting=_quoting(quoted)))
    except csv.Error as e:
        return [], _TOO_BIG if "field limit" in str(e) else f"(line {{line}}) could not be read as CSV ({e})."
    if len(rows) > 1:  # a carriage return alone inside the line, read as a line break
        return [], ("(line {line}) could not be read as CSV (a quote inside a quoted field that is not doubled,"
                    " or a line break outside quotes).")
    return (rows[0] if rows else []), None


def _quote_state(line: str, delimiter: str, inside: bool) -> tuple[bool, bool]:
    """Follow CSV quoting through one line: `(inside a quoted field at the line's end, broken)`.

    `inside` says whether the line starts inside a quoted field carried over from an earlier
    line. A quote closes the field when only spaces stand between it and the delimiter or the
    line's end. `broken` is True when a carried field meets a quote that opens a field (at the
    start of the line or after the delimiter) and does not close one: it begins a field of the
    next record, so the carried field was never closed. Any other stray quote (`the "new"
    bridge`) is kept as text, as the csv module keeps it.
    """
    carried, i, n = inside, 0, len(line)
    while True:
        q = line.find('"', i)
        if q < 0:
            return inside, False
        if not inside:
            if q == 0 or line[q - 1] == delimiter:  # a quote opening a field
                inside, carried = True, False
            i = q + 1
            continue
        after = line[q + 1] if q + 1 < n else delimiter
        if after == '"':
            i = q + 2  # a doubled quote stands for one quote inside the field
            continue
        if after != delimiter and line[q + 1:].strip() and not line[q + 1:].lstrip().startswith(delimiter):
            if carried and (q == 0 or line[q - 1] == delimiter):
                return inside, True  # the opening quote of a field of the next record
            # a quote inside running text (`the "new" bridge`), kept as text as the csv module does
            i = q + 1
            continue
        inside, carried, i = False, False, q + 1


def _csv_delimiter(header: str) -> str:
    for delimiter in (",", ";", "\t", "|"):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if "text" in {c.strip().lstrip("\ufeff").lower() for c in cells}:
            return delimiter
    return ","
