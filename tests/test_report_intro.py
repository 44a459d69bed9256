"""What report.html says before the notebooks: findings in words, how reliable the figures are,
and how the run was made."""
from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from pathlib import Path

import pandas as pd

from medialens.findings import findings
from medialens.provenance import provenance, provenance_html
from medialens.reliability import benchmark_figures, reliability_html
from medialens.report_page import scored_line, write_report_html
from medialens.tables import Tables, frame


def _tables(quotes: list[tuple[str, str, str, str]], sources: list[tuple[str, str, str, str | None]], articles: int = 2) -> Tables:
    """Tables of `articles` articles with quote rows `(article_id, kind, speaker_canonical,
    speaker_type)` and source rows `(article_id, speaker_canonical, speaker_type, gender)`."""
    q = pd.DataFrame(quotes, columns=["article_id", "kind", "speaker_canonical", "speaker_type"])
    q["quote_id"] = range(len(q))
    s = pd.DataFrame(sources, columns=["article_id", "speaker_canonical", "speaker_type", "gender"])
    a = pd.DataFrame({"article_id": [f"a{i}" for i in range(articles)]})
    return Tables(articles=a, entities=frame("entities", []), quotes=q, sources=s, rejects=frame("rejects", []))


def test_findings_say_the_anonymous_share_and_the_most_quoted_source_with_its_share():
    tables = _tables(
        [("a0", "direct", "Ann Lee", "person")] * 3 + [("a1", "indirect", "a senior official", "anonymous"),
                                                        ("a1", "direct", "?", "unknown")],
        [("a0", "Ann Lee", "person", "female"), ("a1", "a senior official", "anonymous", None),
         ("a1", "Bo Chan", "person", "male"), ("a1", "Cy Dee", "person", None)],
    )
    said = findings(tables)
    assert said[0] == ("2 articles hold 5 quotes (80.0% direct, 0.0% mixed, 20.0% reported speech) from 4 sources "
                       "(each counted once per article), 2.5 quotes per article.")
    assert "25.0% of sources are anonymous" in said[1] and "1 of 4" in said[1]
    assert said[2] == "The most quoted source is Ann Lee, with 75.0% of the quotes whose speaker was found (3 in 1 article)."
    assert said[3] == "20.0% of quotes have no speaker found (1)."
    assert said[4] == ("Of the 3 named people quoted (each once per article), the text presents 33.3% as women and "
                       "33.3% as men; for the other 1 it does not tell.")


def test_findings_say_how_many_quote_rows_are_sure_and_how_many_to_check():
    tables = _tables([("a0", "direct", "Ann Lee", "person")] * 4, [("a0", "Ann Lee", "person", "female")])
    tables.quotes["confidence"] = [0.95, 0.81, 0.6, 0.3]
    assert findings(tables)[-1].startswith("50.0% of quotes have a confidence of 0.8 or more (2; ")
    assert "and 25.0% under 0.5 (1): sort the quote table by confidence" in findings(tables)[-1]
    tables.quotes["confidence"] = [0.95, 0.81, 0.6, 0.5]
    assert findings(tables)[-1].endswith("and none under 0.5.")


def test_findings_leave_gender_out_when_it_is_switched_off():
    tables = _tables([("a0", "direct", "Ann Lee", "person")], [("a0", "Ann Lee", "person", "female")], articles=1)
    assert not any("women" in s for s in findings(tables, gender=False))
    assert any("women" in s for s in findings(tables))


def test_one_article_is_one_article():
    tables = _tables([("a0", "direct", "Ann Lee", "person")], [("a0", "Ann Lee", "person", "female")], articles=1)
    assert findings(tables)[0].startswith("1 article holds 1 quote (100.0% direct")


def test_a_corpus_with_no_quote_has_no_findings():
    assert findings(_tables([], [], articles=3)) == []


def test_the_reliability_box_quotes_the_benchmark_figures_and_its_caveats():
    figures = benchmark_figures().set_index("figure")
    assert {"quote_p", "recall_direct", "recall_mixed", "recall_indirect", "speaker_acc", "e2e_f1", "quote_exact_f1"} <= set(figures.index)
    assert figures[["polnear_train", "polnear_dev"]].apply(lambda c: c.between(0, 1)).all().all()
    box = reliability_html()
    assert f"{figures.loc['recall_indirect', 'polnear_train']:.0%} of reported speech" in box
    assert f"{figures.loc['speaker_acc', 'polnear_train']:.0%} of the quotes" in box
    assert "has no hand annotation" in box and "other countries" in box


def test_the_reliability_box_says_how_the_corpus_itself_scored_when_annotations_cover_it(tmp_path: Path):
    from medialens.evaluate import figures_table

    assert scored_line(tmp_path) is None
    figures = {"articles": 1, "quote_f1": 0.97, "speaker_acc": 1.0, "end_to_end_f1": 0.9}
    figures_table(SimpleNamespace(figures=figures)).to_csv(tmp_path / "evaluation_figures.csv", index=False)
    line = scored_line(tmp_path)
    assert line.startswith("hand annotations cover 1 of its articles; on those, quote F1 is 97%, speaker accuracy 100% "
                           "and end-to-end F1 90%")
    assert "This corpus:</strong> hand annotations cover 1" in reliability_html(line)


def test_the_figures_the_box_reads_are_those_the_evaluation_writes(tmp_path: Path):
    from medialens.evaluate import evaluate

    names = set(evaluate({}, pd.DataFrame(columns=["article_id", "text", "speaker", "speaker_canonical", "kind"]),
                         pd.DataFrame(columns=["article_id", "entity", "label"])).figures)
    assert {"articles", "quote_f1", "speaker_acc", "end_to_end_f1"} <= names


def test_provenance_names_corpus_counts_versions_parameters_and_corrections(tmp_path: Path):
    (tmp_path / ".medialens-manifest.json").write_text(
        '{"format": 1, "code_version": "0.1.0+abc", "model": "en_core_web_sm-3.8.0",'
        ' "counts": {"articles": 84, "quotes": 1772, "sources": 708, "entities": 2179, "rejects": 2}}', encoding="utf-8")
    lines = dict(provenance("/data/news", tmp_path, {"kinds": "direct", "gender": False}, "Corrections applied from x.csv.",
                            now=datetime(2026, 12, 1, 15, 4, tzinfo=timezone.utc)))
    assert lines["Corpus"] == "/data/news"
    assert lines["Articles"] == "84 read, 2 rejected (see rejects.csv)"
    assert lines["Rows"] == "1,772 quotes, 708 sources, 2,179 entities"
    assert lines["Run"] == "2026-12-01 15:04 UTC" and lines["medialens"] == "0.1.0+abc"
    assert "en_core_web_sm-3.8.0" in lines["spaCy"]
    assert lines["Parameters"] == "gender = False; kinds = 'direct'"
    assert lines["Corrections"] == "Corrections applied from x.csv."
    assert "<dt>Parameters</dt><dd>gender = False; kinds = &#x27;direct&#x27;</dd>" in provenance_html(list(lines.items()))


def test_the_intro_comes_between_the_title_and_the_contents(tmp_path: Path):
    page = write_report_html([], tmp_path / "report.html", intro='<section id="findings">X</section>').read_text(encoding="utf-8")
    assert page.index('<h1 id="top">') < page.index('<section id="findings">') < page.index("<nav>")


def test_the_page_title_names_a_generic_corpus_folder_with_its_parent():
    from medialens.report_page import corpus_name

    assert corpus_name(Path("/data/polnear/dev/corpus")) == "dev/corpus"
    assert corpus_name(Path("/data/bbc-2024")) == "bbc-2024"
    assert corpus_name(Path("/data/feed.jsonl")) == "feed"


def test_the_reliability_figures_are_the_benchmarks_latest():
    from medialens.paths import project_root

    text = (project_root() / "benchmarks" / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### The quote codebook"):].split("\n\n")[2]
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]] for line in table.splitlines()[2:]}
    names = {"quote precision": "quote_p", "recall, direct": "recall_direct", "recall, mixed": "recall_mixed",
             "recall, indirect": "recall_indirect", "speaker accuracy": "speaker_acc", "end-to-end F1": "e2e_f1",
             "`quote_exact_f1` (words equal)": "quote_exact_f1"}
    figures = benchmark_figures().set_index("figure")
    for row, figure in names.items():
        dev_now, train_now = float(rows[row][1]), float(rows[row][3])
        assert (figures.loc[figure, "polnear_dev"], figures.loc[figure, "polnear_train"]) == (dev_now, train_now), row
