"""A user's corrections to the tables: a spreadsheet of names to merge, names to keep apart and
quotes to drop, applied after the corpus-wide naming pass, so a re-run applies an edited file
from the cache without parsing anything again.

The file (`aliases.csv`, beside the corpus or given with `--aliases`) has a header row with the
columns `action,name,target` (more columns, such as a `note`, are ignored; `;` or tab may
separate them) and one correction per row:

| action      | name                 | target             | does                                                 |
|-------------|----------------------|--------------------|------------------------------------------------------|
| `merge`     | `Donald J. Trump`    | `Donald Trump`     | every entity, speaker and source named `name` is named `target` |
| `separate`  | `Clinton`            | `Hillary Clinton`  | the corpus-wide naming never joins one to the other  |
| `not_quote` | `a1-q1534-1602`      |                    | the quote row with this `quote_id` is dropped        |

Names are matched whatever their case and spacing; `target` is written as given. Empty rows
and rows whose first cell starts with `#` are skipped. `read_corrections` checks the file and
raises CorrectionsError (a ValueError) with one line naming the file and line; `Corrections`
holds what it asked for and, once applied (see `writer.py`), warns of names it found nowhere.
"""
from __future__ import annotations

import csv
import hashlib
import glob
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .io.decode import decode
from .names import name_key
from .tables import ALIAS_SEPARATOR, merge_sources

FILE_NAME = "aliases.csv"
# The file a kernel of `medialens report` applies, as `--aliases` gave it to the report.
ENV = "MEDIALENS_ALIASES"
COLUMNS = ("action", "name", "target")
ACTIONS = ("merge", "separate", "not_quote")
_COUNTS = ["quotes", "direct", "indirect", "mixed", "words"]

log = logging.getLogger("medialens")


class CorrectionsError(ValueError):
    """A corrections file that cannot be applied; the message names the file and line."""


def fold(name: str) -> str:
    """The form two spellings of one name in a corrections file share: case and spacing folded."""
    return " ".join(str(name).split()).casefold()


@dataclass
class Corrections:
    """What a corrections file asks for, and what applying it found (for `warn_unused`).

    `merges`: folded name -> target as written, chains followed (`A→B`, `B→C` is `A→C`);
    `apart`: pairs of name keys (`names.name_key`) never to be joined; `not_quotes`: quote ids;
    `lines`: the file's line of each, for warnings."""

    path: Path
    digest: str
    merges: dict[str, str] = field(default_factory=dict)
    apart: set[frozenset[str]] = field(default_factory=set)
    not_quotes: set[str] = field(default_factory=set)
    lines: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)
    _labels: dict[str, str] | None = field(default=None, repr=False)

    def entry(self) -> dict:
        """What the manifest records: the file applied and a digest of its bytes."""
        return {"path": str(self.path), "digest": self.digest}

    @property
    def apart_keys(self) -> set[str]:
        return {key for pair in self.apart for key in pair}

    def warn_unused(self) -> None:
        """One warning per correction whose name (or quote id) the tables do not hold."""
        for key, (line, name) in sorted(self.lines.items(), key=lambda item: item[1]):
            action = key[0]
            if key not in self.seen:
                what = "no quote has this quote_id" if action == "not_quote" else "no entity, speaker or source has this name"
                log.warning("%s:%d: %s %r: %s", self.path, line, action, name, what)


# ---------------------------------------------------------------------------- finding the file


def find_corrections(corpus: str | Path | Iterable[str | Path], given: str | Path | bool | None = None) -> Path | None:
    """The corrections file of a run: `given` (False: none), else the file `MEDIALENS_ALIASES`
    names, else `aliases.csv` in the folder holding the corpus folder or file (`news/` →
    `aliases.csv` beside `news/`, never inside it, where it would be read as articles). Globs
    have no such folder. Raises CorrectionsError for a named file that is not there, and when
    several corpus inputs each have a different one beside them."""
    if given is False:
        return None
    named = given if given not in (None, True, "") else os.environ.get(ENV) or None
    if named is not None:
        path = Path(named).absolute()
        if not path.is_file():
            raise CorrectionsError(f"{named}: no such corrections file")
        return path
    inputs = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    found = []
    for item in inputs:
        if not str(item).strip() or glob.has_magic(str(item)):
            continue
        beside = Path(os.path.abspath(item)).parent / FILE_NAME
        if beside.is_file() and beside not in found:
            found.append(beside)
    if len(found) > 1:
        raise CorrectionsError(f"several corrections files beside the corpus ({', '.join(map(str, found))}): "
                               "give the one to apply with --aliases")
    return found[0] if found else None


def corrections_entry(path: Path | None) -> dict | None:
    """The manifest's record of a corrections file (see `Corrections.entry`), without reading
    its rows; None for no file."""
    if path is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as e:
        raise CorrectionsError(f"{path}: cannot be read ({e.strerror or e})") from None
    return {"path": str(path), "digest": digest}


# ---------------------------------------------------------------------------- reading the file


def read_corrections(path: str | Path) -> Corrections:
    """The corrections of a file, checked: raises CorrectionsError, naming the file and line,
    for a missing column, an unknown action, a row without its name or target, a name merged
    into two targets, merges that go round in a circle, and names both merged and kept apart."""
    path = Path(path).absolute()
    try:
        data = path.read_bytes()
        text = decode(data, path)
    except (OSError, ValueError) as e:
        raise CorrectionsError(f"{path}: cannot be read ({getattr(e, 'strerror', None) or e})") from None
    rows = _rows(path, text)
    corrections = Corrections(path, hashlib.sha256(data).hexdigest())
    targets: dict[str, tuple[str, int]] = {}
    for line, action, name, target in rows:
        if action == "merge":
            earlier = targets.get(fold(name))
            if earlier and fold(earlier[0]) != fold(target):
                raise CorrectionsError(f"{path}:{line}: {name!r} is merged into {earlier[0]!r} on line {earlier[1]} "
                                       f"and into {target!r} here")
            targets[fold(name)] = (target, line)
        elif action == "separate":
            corrections.apart.add(frozenset({name_key(name), name_key(target)}))
        else:
            corrections.not_quotes.add(name)
        if action == "separate":
            for each in (name, target):
                corrections.lines.setdefault((action, name_key(each)), (line, each))
        else:
            corrections.lines.setdefault((action, name if action == "not_quote" else fold(name)), (line, name))
    corrections.merges = _follow(path, targets)
    for name, target in corrections.merges.items():
        if frozenset({name_key(name), name_key(target)}) in corrections.apart:
            line = targets[name][1]
            raise CorrectionsError(f"{path}:{line}: {name!r} is merged into {target!r} and also kept apart from it")
    return corrections


def _rows(path: Path, text: str) -> list[tuple[int, str, str, str]]:
    """`(line, action, name, target)` for each correction of the file's text, checked."""
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if line.strip()), None)
    if header is None:
        raise CorrectionsError(f"{path}: empty; its first row must name the columns {','.join(COLUMNS)}")
    first = lines[header]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(lines[header:], delimiter=delimiter)
    columns = [fold(c).lstrip("\ufeff") for c in next(reader)]
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise CorrectionsError(f"{path}:{header + 1}: no {' or '.join(missing)} column "
                               f"(the first row must name the columns {','.join(COLUMNS)})")
    where = {c: columns.index(c) for c in COLUMNS}
    out = []
    for cells in reader:
        line = header + reader.line_num
        values = {c: " ".join(cells[i].split()) if i < len(cells) else "" for c, i in where.items()}
        if not any(cell.strip() for cell in cells) or (cells and cells[0].lstrip().startswith("#")):
            continue
        action = values["action"].casefold()
        if action not in ACTIONS:
            raise CorrectionsError(f"{path}:{line}: unknown action {values['action']!r} (use merge, separate or not_quote)")
        if not values["name"]:
            raise CorrectionsError(f"{path}:{line}: {action} needs a {'quote_id' if action == 'not_quote' else 'name'} "
                                   "in the name column")
        if action != "not_quote" and not values["target"]:
            raise CorrectionsError(f"{path}:{line}: {action} needs a target")
        if action != "not_quote" and fold(values["name"]) == fold(values["target"]):
            raise CorrectionsError(f"{path}:{line}: name and target are the same name")
        out.append((line, action, values["name"], values["target"]))
    return out


def _follow(path: Path, targets: dict[str, tuple[str, int]]) -> dict[str, str]:
    """Each merged name's final target, following chains; raises for a circle."""
    final = {}
    for name, (target, line) in targets.items():
        visited = {name}
        while fold(target) in targets:
            if fold(target) in visited:
                raise CorrectionsError(f"{path}:{line}: merges go round in a circle through {target!r}")
            visited.add(fold(target))
            target = targets[fold(target)][0]
        final[name] = target
    return final


# ---------------------------------------------------------------------------- applying it


def held_apart(corrections: Corrections, name: str, joined: str) -> bool:
    """True when the automatic naming turned `name` into `joined` and the file keeps them apart."""
    return frozenset({name_key(name), name_key(joined)}) in corrections.apart


def mark_apart_seen(corrections: Corrections, names: Iterable[str]) -> None:
    """Note the names of `separate` rows that the tables hold (for `warn_unused`)."""
    for key in {name_key(n) for n in names if isinstance(n, str)} & corrections.apart_keys:
        corrections.seen.add(("separate", key))


def target_labels(names, corrections: Corrections) -> dict[str, str]:
    """The corpus-wide label of each merge target that is an entity name (`names`, the
    `entities.CorpusNames` of the corpus): folded target -> label."""
    if not corrections.merges:
        return {}
    if corrections._labels is None:
        targets = {fold(t) for t in corrections.merges.values()}
        corrections._labels = {fold(n): names.labels[k] for k, n in names.names.items() if fold(n) in targets and k in names.labels}
    return corrections._labels


def _renamed(corrections: Corrections, names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Names with the merges applied, and which of them changed."""
    folded = names.map(lambda n: fold(n) if isinstance(n, str) else n)
    hit = folded.isin(list(corrections.merges))
    for name in set(folded[hit]):
        corrections.seen.add(("merge", name))
    return names.mask(hit, folded[hit].map(corrections.merges)).astype(names.dtype), hit


def merge_entities(entities: pd.DataFrame, corrections: Corrections, labels: dict[str, str]) -> pd.DataFrame:
    """An entities batch (whole articles) with the merges applied: a merged row takes its
    target's name and label (`labels`: folded name -> label, of the corpus), keeps its own name
    among the aliases, and rows of one article that became one entity are added up."""
    if entities.empty or not corrections.merges:
        return entities
    names, hit = _renamed(corrections, entities["entity"])
    if not hit.any():
        return entities
    df = entities.copy()
    df["aliases"] = [ALIAS_SEPARATOR.join(dict.fromkeys([old, *_split(a)])) if h else a
                     for old, a, h in zip(df["entity"], df["aliases"], hit)]
    df["entity"] = names
    df["label"] = [labels.get(fold(n), lab) if h else lab for n, lab, h in zip(names, df["label"], hit)]
    return _add_up_entities(df, entities)


def _split(aliases) -> list[str]:
    return [a for a in aliases.split(ALIAS_SEPARATOR) if a] if isinstance(aliases, str) else []


def _add_up_entities(df: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """Rows of one article with one entity name added up, in the order of their first row."""
    if not df.duplicated(["article_id", "entity"]).any():
        return df.astype({c: like[c].dtype for c in like.columns}).reset_index(drop=True)
    grouped = df.groupby(["article_id", "entity"], sort=False, as_index=False)
    out = grouped.agg(label=("label", "first"), mentions=("mentions", "sum"), first_paragraph=("first_paragraph", "min"),
                      in_headline=("in_headline", "any"), aliases=("aliases", lambda s: list(s)))
    out["aliases"] = [ALIAS_SEPARATOR.join(a for a in dict.fromkeys(x for v in forms for x in _split(v)) if fold(a) != fold(e))
                      for e, forms in zip(out["entity"], out["aliases"])]
    return out[list(like.columns)].astype({c: like[c].dtype for c in like.columns}).reset_index(drop=True)


def correct_quotes(quotes: pd.DataFrame, corrections: Corrections, dropped: list[dict]) -> pd.DataFrame:
    """A quotes batch with the merges applied to `speaker_canonical` and the `not_quote` rows
    left out; each row left out is added to `dropped` (for `correct_sources`)."""
    if quotes.empty:
        return quotes
    out = quotes
    if corrections.merges:
        names, hit = _renamed(corrections, quotes["speaker_canonical"])
        if hit.any():
            out = quotes.assign(speaker_canonical=names)
    if corrections.not_quotes:
        drop = out["quote_id"].isin(list(corrections.not_quotes))
        if drop.any():
            for quote_id in out.loc[drop, "quote_id"]:
                corrections.seen.add(("not_quote", quote_id))
            dropped.extend(out.loc[drop, ["article_id", "speaker_canonical", "speaker_type", "kind", "words"]].to_dict("records"))
            out = out[~drop].reset_index(drop=True)
    return out


def correct_sources(sources: pd.DataFrame, corrections: Corrections, dropped: list[dict]) -> pd.DataFrame:
    """A sources batch with the merges applied (rows of one article that became one source
    added up, `tables.merge_sources`) and the counts of the `dropped` quotes taken off; a
    source left with no quote is left out."""
    if sources.empty:
        return sources
    out = sources
    if corrections.merges:
        names, hit = _renamed(corrections, sources["speaker_canonical"])
        if hit.any():
            out = merge_sources(sources.assign(speaker_canonical=names))
    gone = [q for q in dropped if q["speaker_type"] != "unknown"]
    if not gone:
        return out
    out = out.copy()
    index = {(a, n): i for i, (a, n) in enumerate(zip(out["article_id"], out["speaker_canonical"]))}
    for quote in gone:
        i = index.get((quote["article_id"], quote["speaker_canonical"]))
        if i is None:
            continue
        for column, by in (("quotes", 1), (quote["kind"], 1), ("words", quote["words"] or 0)):
            out.iloc[i, out.columns.get_loc(column)] -= by
    return out[out["quotes"] > 0].reset_index(drop=True)


def load_corrections(corpus: str | Path | Iterable[str | Path], given: str | Path | bool | None = None) -> Corrections | None:
    """The checked corrections a run over `corpus` applies (see `find_corrections` for where
    the file is found, `read_corrections` for what is checked); None when there is no file."""
    path = find_corrections(corpus, given)
    return None if path is None else read_corrections(path)
