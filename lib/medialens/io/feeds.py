"""JSON readers: a JSON Lines feed (one record a line) and a JSON file (one record or a list), each
record becoming an Article or a Reject saying why not.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from ..article import MAX_ARTICLE_BYTES, Article, ReadError, Reject, _json_kind, _mb, article_from_record
from .decode import _TooLong, decode
from .files import _numbered_lines, _open_regular, _stem_id
from .printable import _replace_surrogates, display_path

def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON Lines feed: one record (a JSON object) a line.

    A line that is not valid JSON (bad syntax, a number too long to read, bytes that are not
    text), not an object, or has no text becomes a Reject (`feed.jsonl:7`) and the other lines
    still load. Records without an id get `<stem>-<line>`. A record whose strings hold lone
    surrogates (`\\ud800`, half an emoji) is read with U+FFFD in their place, plus a Reject
    noting it.
    """
    name = display_path(path)
    stem = _stem_id(path)
    for number, line in _numbered_lines(path, name):
        where, described = f"{name}:{number}", f"{name} line {number}"
        if isinstance(line, _TooLong):
            yield Reject(where, f"{described} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article.")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"{described} is not valid JSON: {_json_problem(e)} column {e.colno}.")
            continue
        except RecursionError:
            yield Reject(where, f"{described} is JSON nested too deeply to be an article record.")
            continue
        except ValueError as e:  # Python's limit on the digits of an int
            yield Reject(where, f"{described} {_json_value_problem(e)}")
            continue
        yield from _record(record, f"{stem}-{number}", described, where)


def read_json(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON file holding one record or a list of records (objects with `text`)."""
    name = display_path(path)
    with _open_regular(path, name) as f:
        text = decode(f.read(), name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"{name} is not valid JSON: {_json_problem(e)} line {e.lineno}, column {e.colno}.") from None
    except RecursionError:
        raise ReadError(f"{name} is JSON nested too deeply to be an article record.") from None
    except ValueError as e:
        raise ReadError(f"{name} {_json_value_problem(e)}") from None
    if isinstance(data, dict):
        yield from _record(data, _stem_id(path), name, name)
        return
    if not isinstance(data, list):
        raise ReadError(f"{name} holds a JSON {_json_kind(data)}, not a record or a list of records.")
    if not data:
        raise ReadError(f"{name} holds an empty list: no records.")
    stem = _stem_id(path)
    for number, record in enumerate(data, 1):
        yield from _record(record, f"{stem}-{number}", f"{name} record {number}", f"{name}:{number}")


def _json_value_problem(error: ValueError) -> str:
    """The end of a reason for JSON that parses but holds a value Python cannot make."""
    if "integer string conversion" in str(error):
        return f"holds a number too long to read (over {sys.get_int_max_str_digits():,} digits)."
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"could not be read as JSON ({detail})."


def _record(record: object, default_id: str, described: str, where: str) -> Iterator[Article | Reject]:
    """The Article of one record, or a Reject saying why not; plus a Reject noting any lone
    surrogates that had to be replaced for the record to be stored as UTF-8."""
    if not isinstance(record, dict):
        yield Reject(where, f"{described} is a JSON {_json_kind(record)}, not a record with 'text'.")
        return
    replaced = _replace_surrogates(record)
    try:
        article = article_from_record(record, default_id, where)
    except ReadError as e:
        yield Reject(where, str(e).replace(where, described, 1))
        return
    yield article
    if replaced:
        chars = "1 character that is" if replaced == 1 else f"{replaced:,} characters that are"
        them = "it was" if replaced == 1 else "they were"
        yield Reject(where, f"{described} has {chars} not valid Unicode (a lone surrogate, as from a cut emoji);"
                            f" {them} replaced with U+FFFD and the article was read.")


def _json_problem(error: json.JSONDecodeError) -> str:
    """`unterminated string starting at`, `expecting ',' delimiter at`: ready for a position."""
    message = error.msg.lower()
    return message if message.endswith(" at") else f"{message} at"
