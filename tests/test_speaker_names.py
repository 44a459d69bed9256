"""Persons named alike in every table: the quotes and sources tables take the name the
entities table gives a person across the corpus."""
import pandas as pd

from medialens.tables import Tables, frame
from medialens.writer import TableWriter, canonicalize_tables, canonicalize_written


def _entity(article, name, label="PERSON", mentions=1):
    return {"article_id": article, "entity": name, "label": label, "mentions": mentions,
            "first_paragraph": 1, "in_headline": False, "aliases": ""}


def _quote(article, n, speaker, kind="direct", speaker_type="person"):
    return {"article_id": article, "quote_id": f"{article}-q{n:03d}", "kind": kind, "text": "We will win.",
            "start": 0, "end": 12, "paragraph": 1, "in_headline": False, "cue": "said", "speaker": speaker,
            "speaker_canonical": speaker, "speaker_type": speaker_type, "speaker_role": None, "words": 3,
            "speaker_affiliation": None, "speaker_gender": "male" if speaker_type == "person" else None}


def _source(article, speaker, quotes, kind="direct", speaker_type="person", role=None):
    counts = {"direct": 0, "indirect": 0, "mixed": 0, kind: quotes}
    return {"article_id": article, "speaker_canonical": speaker, "speaker_type": speaker_type, "speaker_role": role,
            "quotes": quotes, **counts, "words": 3 * quotes, "affiliation": None,
            "gender": "male" if speaker_type == "person" else None}


def _tables():
    entities = [_entity("a1", "Donald J. Trump", mentions=3), _entity("a1", "Ministry of Defence", "ORG"),
                _entity("a2", "Donald Trump", mentions=4), _entity("a3", "Donald Trump"),
                _entity("a4", "Trump", mentions=2), _entity("a4", "Ben Carson")]
    quotes = [_quote("a1", 1, "Donald J. Trump"), _quote("a1", 2, "Ministry of Defence", speaker_type="organisation"),
              _quote("a4", 1, "Trump"), _quote("a4", 2, "Trump", "indirect"), _quote("a4", 3, "Donald Trump"),
              _quote("a4", 4, "Ben Carson")]
    sources = [_source("a1", "Donald J. Trump", 1), _source("a1", "Ministry of Defence", 1, speaker_type="organisation"),
               _source("a4", "Trump", 2, role="candidate"), _source("a4", "Donald Trump", 1), _source("a4", "Ben Carson", 1)]
    return Tables(frame("articles", []), frame("entities", entities), frame("quotes", quotes),
                  frame("sources", sources), frame("rejects", []))


def test_speakers_take_the_corpus_name_of_their_person():
    tables = canonicalize_tables(_tables())
    assert tables.entities["entity"].tolist() == ["Donald Trump", "Ministry of Defence", "Donald Trump", "Donald Trump",
                                                  "Donald Trump", "Ben Carson"]
    assert tables.quotes["speaker_canonical"].tolist() == ["Donald Trump", "Ministry of Defence", "Donald Trump",
                                                           "Donald Trump", "Donald Trump", "Ben Carson"]
    assert tables.quotes["speaker"].tolist()[:3] == ["Donald J. Trump", "Ministry of Defence", "Trump"]


def test_sources_that_become_one_person_add_up():
    sources = canonicalize_tables(_tables()).sources.fillna({"speaker_role": "-"})
    assert sources[["article_id", "speaker_canonical", "speaker_role", "quotes", "direct", "indirect", "words"]].values.tolist() == [
        ["a1", "Donald Trump", "-", 1, 1, 0, 3],
        ["a1", "Ministry of Defence", "-", 1, 1, 0, 3],
        ["a4", "Donald Trump", "candidate", 3, 3, 0, 9],
        ["a4", "Ben Carson", "-", 1, 1, 0, 3],
    ]


def test_written_tables_get_the_names_held_tables_get(tmp_path):
    tables = _tables()
    writer = TableWriter(tmp_path)
    writer.add({name: df.to_dict("records") for name, df in tables.items()})
    writer.close()
    counts = dict(writer.counts)
    assert canonicalize_written(tmp_path, counts) == 6
    assert counts["sources"] == 4 and counts["quotes"] == 6
    held = canonicalize_tables(tables)
    for name in ("entities", "quotes", "sources"):
        written = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert written["entity" if name == "entities" else "speaker_canonical"].tolist() == \
            getattr(held, name)["entity" if name == "entities" else "speaker_canonical"].tolist()
