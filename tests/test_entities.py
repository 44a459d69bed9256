"""Entities: grouping within an article, labels from evidence, credits left out, and one
name per entity across a corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from medialens import charts, summaries
from medialens.entities import DEFAULT_LABELS, apply_corpus_names, canonicalize_corpus, corpus_names, group_entities
from medialens.tables import entity_rows, frame


def _entities(nlp, headline: str, *paragraphs: str, dateline: str | None = None, labels=DEFAULT_LABELS):
    doc = nlp("\n\n".join([headline, *paragraphs]))
    return group_entities(doc, dateline, labels=labels)


def _named(entities, name: str):
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, f"{name}: {[e.name for e in entities]}"
    return found[0]


def _names(entities) -> set[str]:
    return {e.name for e in entities}


def _table(nlp, articles: dict[str, list[str]]) -> pd.DataFrame:
    """The entities table of a few articles, as extraction writes it."""
    rows = []
    for article_id, (headline, *paragraphs) in articles.items():
        rows += entity_rows(article_id, _entities(nlp, headline, *paragraphs))
    return frame("entities", rows)


# --- grouping within an article --------------------------------------------------------------


def test_surname_joins_the_full_name_given_earlier(nlp):
    ents = _entities(
        nlp, "Turkey warns Syria over Idlib",
        "Turkish President Recep Tayyip Erdogan said on Tuesday that Turkey would not back down.",
        "Erdogan told reporters in Ankara that talks with Russia would continue.",
    )
    erdogan = _named(ents, "Recep Tayyip Erdogan")
    assert erdogan.label == "PERSON"
    assert len(erdogan.mentions) == 2
    assert "Erdogan" not in _names(ents)


def test_honorific_short_form_joins_the_full_name(nlp):
    ents = _entities(
        nlp, "Campaign heads to Ohio",
        "Donald Trump held a rally in Columbus on Monday.",
        "Mr. Trump said the plan would bring back factory jobs.",
    )
    trump = _named(ents, "Donald Trump")
    assert len(trump.mentions) == 2
    assert not {"Trump", "Mr. Trump"} & _names(ents)


def test_middle_initial_does_not_split_a_person(nlp):
    ents = _entities(
        nlp, "Candidates trade blows",
        "Donald J. Trump spoke in Ohio on Monday.",
        "Donald Trump later told supporters in Michigan that the race was tightening.",
    )
    people = [e for e in ents if e.label == "PERSON"]
    assert len(people) == 1
    assert len(people[0].mentions) == 2
    assert people[0].name == "Donald J. Trump"  # the first full name the article gives


def test_short_form_the_tagger_calls_an_organisation_is_the_person_it_names(nlp):
    # en_core_web_sm tags both bare `Trump`s here as ORG; they outnumber the full name.
    ents = _entities(
        nlp, "New poll out",
        "Donald Trump spoke in Ohio on Monday.",
        "Clinton leads Trump 47.3 percent to 43 percent among likely voters.",
        "Trump leads with 47.3 percent, the poll found.",
    )
    trump = _named(ents, "Donald Trump")
    assert trump.label == "PERSON"
    assert len(trump.mentions) == 3


def test_two_people_sharing_a_surname_leave_the_bare_surname_alone(nlp):
    ents = _entities(
        nlp, "Clintons on the trail",
        "Hillary Clinton campaigned in Florida on Tuesday while Bill Clinton spoke in Ohio.",
        "Clinton said the economy was the central issue of the race.",
    )
    assert len(_named(ents, "Hillary Clinton").mentions) == 1
    assert len(_named(ents, "Bill Clinton").mentions) == 1


def test_a_surname_with_mr_does_not_join_a_womans_full_name(nlp):
    ents = _entities(
        nlp, "Obama makes his case",
        "President Obama urged black voters on Saturday to turn out for Hillary Clinton.",
        "Michelle Obama has campaigned in North Carolina and Ohio.",
        "Mr. Obama said a low turnout would be a personal insult.",
    )
    assert len(_named(ents, "Michelle Obama").mentions) == 1
    assert len(_named(ents, "Obama").mentions) == 3  # the headline, `President Obama`, `Mr. Obama`


def test_a_surname_with_mrs_joins_a_womans_full_name(nlp):
    ents = _entities(
        nlp, "First lady on the trail",
        "Michelle Obama campaigned in North Carolina on Tuesday.",
        "Mrs. Obama said the election was about the country's children.",
    )
    assert len(_named(ents, "Michelle Obama").mentions) == 2


def test_acronym_joins_the_expansion_written_before_it(nlp):
    ents = _entities(
        nlp, "Civilians flee Idlib",
        "In Geneva, the International Committee of the Red Cross (ICRC) called on the warring sides to allow safe passage.",
        "An ICRC spokeswoman said hospitals were overwhelmed.",
    )
    icrc = _named(ents, "International Committee of the Red Cross")
    assert icrc.label == "ORG"
    assert len(icrc.mentions) == 3
    assert "ICRC" in icrc.aliases
    assert "ICRC" not in _names(ents)


def test_acronym_in_brackets_joins_a_name_whose_initials_differ(nlp):
    ents = _entities(
        nlp, "Clashes in the southeast",
        "The Kurdistan Workers' Party (PKK) has waged an insurgency since 1984.",
        "The PKK is listed as a terrorist group by Turkey and the European Union.",
    )
    pkk = _named(ents, "Kurdistan Workers' Party")
    assert len(pkk.mentions) == 3
    assert "PKK" not in _names(ents)


def test_acronym_is_never_taken_for_a_surname(nlp):
    ents = _entities(
        nlp, "Nuclear test condemned",
        "North Korean leader Kim Jong Un ordered the test on Friday.",
        "The U.N. Security Council will meet on Monday, and the U.N. said it was alarmed.",
    )
    assert [m.text for m in _named(ents, "Kim Jong Un").mentions] == ["Kim Jong Un"]
    assert "U.N." in _names(ents)


def test_leading_article_and_possessive_are_folded(nlp):
    ents = _entities(
        nlp, "Lavrov rejects truce",
        "Lavrov told the UN Human Rights Council in Geneva that the offensive would go on.",
        "Turkey’s president said a delegation would arrive the following day, and Turkey would host the talks.",
    )
    assert "UN Human Rights Council" in _names(ents)
    turkey = _named(ents, "Turkey")
    assert len(turkey.mentions) == 2
    assert not any(n.startswith("the ") or n.endswith("’s") for n in _names(ents))


def test_dateline_capitals_join_their_place(nlp):
    ents = _entities(
        nlp, "Lavrov rejects truce",
        "GENEVA: Russian Foreign Minister Sergei Lavrov on Tuesday rejected calls for a halt to the offensive.",
        "Lavrov told the UN Human Rights Council in Geneva that the offensive would go on.",
        dateline="GENEVA",
    )
    geneva = _named(ents, "Geneva")
    assert geneva.label == "GPE"
    assert len(geneva.mentions) == 2
    assert [m.text for m in geneva.mentions] == ["GENEVA", "Geneva"]


def test_nationality_and_its_plural_are_one_entity(nlp):
    ents = _entities(
        nlp, "Senate vote delayed",
        "Republicans in Congress opposed the bill.",
        "One Republican senator said he would vote no.",
    )
    republican = _named(ents, "Republican")
    assert republican.label == "NORP"
    assert len(republican.mentions) == 2


def test_title_case_headline_name_is_cut_back_to_the_name_the_body_uses(nlp):
    ents = _entities(
        nlp, "Trump Urges Supporters To Vote Early",
        "Donald Trump urged supporters in Ohio to vote early.",
        "Trump said early voting would decide the state.",
    )
    trump = _named(ents, "Donald Trump")
    assert trump.in_headline
    assert not any("Urges" in n for n in _names(ents))


# --- labels ----------------------------------------------------------------------------------


def test_town_of_makes_a_place_of_a_name_the_tagger_calls_an_organisation(nlp):
    ents = _entities(nlp, "Rebels advance", "Rebels seized the town of Saraqeb on Monday.")
    assert _named(ents, "Saraqeb").label == "GPE"


def test_a_name_the_tagger_calls_a_nationality_listed_with_a_city_is_a_place(nlp):
    ents = _entities(
        nlp, "Highway seized",
        "Their next goal was to capture the strategic town of Saraqeb, where Syria’s main north-south "
        "highway linking Damascus and Aleppo meets the road west to the Mediterranean.",
    )
    assert _named(ents, "Aleppo").label == "GPE"


def test_named_speaker_after_an_honorific_is_a_person(nlp):
    doc = nlp("Rebels advance\n\nMr. Hamoud said the town had fallen.")
    ents = group_entities(doc)
    assert _named(ents, "Hamoud").label == "PERSON"


# --- what is not counted ---------------------------------------------------------------------


def test_photo_credits_bylines_and_wire_tags_are_not_entities(nlp):
    ents = _entities(
        nlp, "Storm hits coast",
        "By Jane Smith",
        "WASHINGTON (Reuters) - The Senate voted on Tuesday to fund the relief effort.",
        "Photo: AFP / Getty Images",
        "Getty Images",
        "(Reporting by Valerie Volcovici; Editing by Will Dunham)",
    )
    names = _names(ents)
    assert "Senate" in names
    assert not names & {"Jane Smith", "Reuters", "AFP", "Getty Images", "Valerie Volcovici", "Will Dunham"}


def test_a_wire_service_that_reports_is_an_entity(nlp):
    ents = _entities(nlp, "Talks stall", "Reuters reported on Monday that the talks in Geneva had stalled.")
    assert "Reuters" in _names(ents)


def test_a_sentence_starting_with_by_is_not_a_byline(nlp):
    ents = _entities(nlp, "Rebels advance", "By Tuesday, rebels had taken the town of Saraqeb in Idlib.")
    assert {"Saraqeb", "Idlib"} <= _names(ents)


def test_a_plural_for_people_opening_a_sentence_is_no_name(nlp):
    ents = _entities(nlp, "Fighting flares in northwest Syria.", "Campaigners said the decision was a betrayal.",
                     "Republicans in Congress opposed the bill.")
    assert "Campaigners" not in _names(ents)
    assert _named(ents, "Republicans").label == "NORP"


def test_a_short_sentence_naming_a_platform_is_not_a_credit(nlp):
    ents = _entities(nlp, "Late-night posts", "Trump took to Twitter.")
    assert "Twitter" in _names(ents)


def test_numbers_and_dates_are_counted_only_when_asked(nlp):
    parts = ("Rebels advance", "Rebels seized three villages near Aleppo on Tuesday.")
    assert {e.label for e in _entities(nlp, *parts)} <= set(DEFAULT_LABELS)
    everything = _entities(nlp, *parts, labels=None)
    assert {"DATE", "CARDINAL"} <= {e.label for e in everything}


def test_a_name_ends_before_a_figure(nlp):
    ents = _entities(
        nlp, "New poll out",
        "Hillary Clinton and Donald Trump debated on Monday.",
        "Clinton leads Trump 47.3 percent to 43 percent among likely voters.",
    )
    assert not any(any(c.isdigit() for c in n) for n in _names(ents))


# --- across a corpus -------------------------------------------------------------------------


def test_bare_surname_joins_the_one_full_name_in_the_corpus(nlp):
    table = _table(nlp, {
        "a1": ["Brexit talks resume", "Prime Minister Boris Johnson said on Monday that talks would resume in Brussels."],
        "a2": ["Talks resume", "Johnson said the talks in Brussels would resume on Monday."],
    })
    assert set(table["entity"]) >= {"Boris Johnson", "Johnson"}
    out = canonicalize_corpus(table)
    row = out[out["article_id"] == "a2"]
    assert "Boris Johnson" in set(row["entity"])
    assert "Johnson" not in set(out["entity"])
    assert row.loc[row["entity"] == "Boris Johnson", "label"].item() == "PERSON"


def test_bare_surname_stays_apart_when_the_corpus_has_two_full_names(nlp):
    table = _table(nlp, {
        "a1": ["Brexit talks resume", "Prime Minister Boris Johnson said on Monday that talks would resume in Brussels."],
        "a2": ["Talks resume", "Johnson said the talks in Brussels would resume on Monday."],
        "a3": ["Third party surges", "Libertarian candidate Gary Johnson said on Monday that he would campaign in Ohio."],
    })
    out = canonicalize_corpus(table)
    assert "Johnson" in set(out.loc[out["article_id"] == "a2", "entity"])


def test_acronym_joins_the_expansion_another_article_gives(nlp):
    table = _table(nlp, {
        "a1": ["Aid convoy reaches town", "The International Committee of the Red Cross (ICRC) said the convoy had arrived."],
        "a2": ["Civilians trapped", "The ICRC said civilians were trapped in the town."],
    })
    out = canonicalize_corpus(table)
    assert set(out.loc[out["article_id"] == "a2", "entity"]) >= {"International Committee of the Red Cross"}
    assert "ICRC" not in set(out["entity"])


def test_initials_alone_do_not_join_an_acronym_to_another_articles_name():
    table = _rows(
        ("a1", "National Baptist Convention", "ORG", 1, 3, False, ""),
        ("a2", "NBC", "ORG", 2, 1, False, ""),
        ("a3", "Environmental Protection Agency", "ORG", 3, 1, False, "EPA"),
        ("a4", "EPA", "ORG", 2, 2, False, ""),
    )
    out = canonicalize_corpus(table).set_index("article_id")
    assert out.loc["a2", "entity"] == "NBC"
    assert out.loc["a4", "entity"] == "Environmental Protection Agency"


def _rows(*rows) -> pd.DataFrame:
    cols = ["article_id", "entity", "label", "mentions", "first_paragraph", "in_headline", "aliases"]
    return frame("entities", [dict(zip(cols, r)) for r in rows])


def test_names_learnt_batch_by_batch_equal_the_whole_table():
    table = _rows(
        ("a1", "Donald Trump", "PERSON", 6, 0, True, "Trump"),
        ("a1", "Trump", "PERSON", 2, 1, False, ""),
        ("a2", "Trump", "ORG", 3, 1, False, ""),
        ("a3", "International Committee of the Red Cross", "ORG", 2, 1, False, "ICRC"),
        ("a4", "ICRC", "ORG", 1, 2, False, ""),
        ("a4", "Donald J. Trump", "PERSON", 1, 3, False, ""),
        ("a5", "Johnson", "PERSON", 1, 1, False, ""),
    )
    whole = canonicalize_corpus(table)

    def batches():  # two articles at a time, as a long corpus is read back from disk
        ids = list(dict.fromkeys(table["article_id"]))
        for i in range(0, len(ids), 2):
            yield table[table["article_id"].isin(ids[i : i + 2])]

    names = corpus_names(batches)
    batched = pd.concat([apply_corpus_names(b, names) for b in batches()], ignore_index=True)
    pd.testing.assert_frame_equal(batched, whole)
    assert set(whole.loc[whole["article_id"] == "a2", "entity"]) == {"Donald Trump"}
    assert set(whole.loc[whole["article_id"] == "a4", "entity"]) == {"International Committee of the Red Cross", "Donald Trump"}


def test_one_entity_gets_one_name_and_the_label_most_mentions_carry():
    table = _rows(
        ("a1", "Donald Trump", "PERSON", 6, 0, True, "Trump"),
        ("a2", "Donald J. Trump", "PERSON", 3, 1, False, "Trump"),
        ("a3", "Donald Trump", "ORG", 2, 1, False, "Trump"),
        ("a4", "Donald Trump", "PERSON", 4, 2, False, ""),
    )
    out = canonicalize_corpus(table)
    assert set(out["entity"]) == {"Donald Trump"}
    assert set(out["label"]) == {"PERSON"}
    assert out.loc[out["article_id"] == "a2", "aliases"].item().split("; ") == ["Donald J. Trump", "Trump"]


def test_rows_of_one_article_that_become_one_entity_are_added_up():
    table = _rows(
        ("a1", "Republicans", "NORP", 3, 1, False, ""),
        ("a1", "Republican", "NORP", 2, 0, True, ""),
        ("a2", "Republican", "NORP", 1, 2, False, ""),
    )
    out = canonicalize_corpus(table)
    row = out[out["article_id"] == "a1"]
    assert len(row) == 1
    assert row["entity"].item() == "Republican"
    assert row["mentions"].item() == 5
    assert row["first_paragraph"].item() == 0
    assert bool(row["in_headline"].item())


def test_canonicalizing_twice_changes_nothing(nlp):
    table = _table(nlp, {
        "a1": ["Brexit talks resume", "Prime Minister Boris Johnson said on Monday that talks would resume in Brussels."],
        "a2": ["Talks resume", "Johnson said the talks in Brussels would resume on Monday."],
    })
    once = canonicalize_corpus(table)
    pd.testing.assert_frame_equal(canonicalize_corpus(once), once)
    assert list(once.columns) == list(table.columns)
    assert dict(once.dtypes) == dict(table.dtypes)


# --- corpus summaries ------------------------------------------------------------------------


@pytest.fixture
def corpus():
    entities = _rows(
        ("a1", "Sergei Lavrov", "PERSON", 4, 0, True, "Lavrov"),
        ("a1", "Geneva", "GPE", 2, 1, False, "GENEVA"),
        ("a2", "Lavrov", "PERSON", 2, 0, True, ""),
        ("a2", "Idlib", "GPE", 4, 0, True, ""),
        ("a3", "Idlib", "GPE", 1, 3, False, ""),
        ("a3", "Geneva", "GPE", 1, 2, False, ""),
    )
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"], "headline": ["Lavrov rejects truce", "Lavrov on Idlib", "Aid for Idlib"],
        "date": ["2020-02-25", "2020-02-20", None],
    })
    return entities, articles


def test_corpus_table_counts_articles_mentions_headlines_and_first_appearance(corpus):
    entities, articles = corpus
    out = summaries.corpus_entities(canonicalize_corpus(entities), articles).set_index("entity")
    lavrov = out.loc["Sergei Lavrov"]
    assert (lavrov["articles"], lavrov["mentions"], lavrov["headlines"]) == (2, 6, 2)
    assert (lavrov["first_article"], lavrov["first_date"]) == ("a2", "2020-02-20")
    geneva = out.loc["Geneva"]
    assert (geneva["first_article"], geneva["first_date"]) == ("a1", "2020-02-25")
    assert list(out.index[:1]) == ["Sergei Lavrov"]


def test_corpus_table_keeps_labels_and_min_articles(corpus):
    entities, articles = corpus
    out = summaries.corpus_entities(canonicalize_corpus(entities), articles, labels=["GPE"], min_articles=2)
    assert set(out["entity"]) == {"Idlib", "Geneva"}


def test_cooccurrence_counts_articles_naming_both(corpus):
    entities, _ = corpus
    matrix = summaries.entity_cooccurrence(canonicalize_corpus(entities), top_n=3).set_index("entity")
    assert matrix.loc["Idlib", "Sergei Lavrov"] == 1
    assert matrix.loc["Geneva", "Idlib"] == 1
    assert matrix.loc["Geneva", "Sergei Lavrov"] == 1
    assert matrix.loc["Idlib", "Idlib"] == 2
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    fig = charts.cooccurrence_chart(matrix.reset_index())
    assert len(fig.axes[0].get_yticklabels()) == 3


def test_top_entities_by_label_ranks_within_each_label(corpus):
    entities, _ = corpus
    out = summaries.top_entities_by_label(canonicalize_corpus(entities), top_n=1)
    assert list(zip(out["label"], out["rank"], out["entity"])) == [("GPE", 1, "Idlib"), ("PERSON", 1, "Sergei Lavrov")]


def test_entities_by_article_lists_each_article_with_its_most_mentioned(corpus):
    entities, articles = corpus
    out = summaries.entities_by_article(canonicalize_corpus(entities), articles, top_n=1).set_index("article_id")
    assert out.loc["a2", "top_entities"] == "Idlib (4)"
    assert (out.loc["a1", "entities"], out.loc["a1", "mentions"]) == (2, 6)


def test_an_apostrophe_surname_joins_its_full_name(nlp):
    ents = _entities(
        nlp, "Experts weigh the strategy",
        "Michael O’Hanlon, a senior fellow at the Brookings Institution, said the plan was sound.",
        "Mr. O'Hanlon said the coalition would need more ground troops.",
    )
    ohanlon = _named(ents, "Michael O’Hanlon")
    assert [m.text for m in ohanlon.mentions] == ["Michael O’Hanlon", "O'Hanlon"]


def test_a_name_listed_with_a_place_is_a_place(nlp):
    ents = _entities(nlp, "Fighting spreads", "Air strikes hit Khan Sheikhoun and Damascus overnight, residents said.")
    assert _named(ents, "Khan Sheikhoun").label == "GPE"


def test_a_surname_listed_with_candidates_stays_a_person_and_joins_the_full_name(nlp):
    ents = _entities(
        nlp, "Debate looms",
        "The debate is a high-stakes opportunity for Sen. Marco Rubio, Sen. Ted Cruz and Ohio Gov. John Kasich.",
        "Strategists said none of it will work unless Rubio, Cruz and Kasich step up their campaigns.",
    )
    cruz = _named(ents, "Ted Cruz")
    assert (cruz.label, len(cruz.mentions)) == ("PERSON", 2)
    assert "Cruz" not in _names(ents)


def test_a_name_after_the_dateline_is_not_in_apposition_with_the_place(nlp):
    ents = _entities(
        nlp, "Race tightens",
        "INDIANAPOLIS - Ted Cruz, who badly needs a win in Tuesday's primary, received the endorsement of Gov. Mike Pence on Friday.",
        "Cruz said he was grateful.",
    )
    cruz = _named(ents, "Ted Cruz")
    assert (cruz.label, len(cruz.mentions)) == ("PERSON", 2)


def test_a_titled_surname_joins_the_full_name_the_tagger_calls_an_organisation(nlp):
    ents = _entities(
        nlp, "Visa screening missed attacker",
        "Investigators said Tashfeen Malik had posted messages about jihad before she entered the country.",
        "Ms. Malik passed three background checks.",
    )
    malik = _named(ents, "Tashfeen Malik")
    assert (malik.label, len(malik.mentions)) == ("PERSON", 2)


def test_a_surname_joins_a_full_name_with_a_first_name_the_tagger_calls_an_organisation(nlp):
    ents = _entities(nlp, "Editorial board", "The editorial called on Nikki Haley to step aside.", "Haley said she would not.")
    haley = _named(ents, "Nikki Haley")
    assert (haley.label, len(haley.mentions)) == ("PERSON", 2)


def test_two_middle_initials_keep_two_people_apart(nlp):
    ents = _entities(
        nlp, "A dynasty's next act",
        "Former President George W. Bush campaigned on Monday for his nephew, George P. Bush, in Austin.",
        "George P. Bush thanked his uncle.",
    )
    assert len(_named(ents, "George W. Bush").mentions) == 1
    assert len(_named(ents, "George P. Bush").mentions) == 2


def test_a_middle_initial_joins_the_one_person_of_that_name(nlp):
    ents = _entities(
        nlp, "Rally in Ohio",
        "Donald J. Trump held a rally in Columbus on Monday.",
        "Donald Trump said the plan would bring back factory jobs.",
    )
    assert len(_named(ents, "Donald J. Trump").mentions) == 2
    assert "Donald Trump" not in _names(ents)


def test_corpus_keeps_two_middle_initials_apart_and_joins_a_lone_one():
    table = _rows(
        ("a1", "George W. Bush", "PERSON", 3, 0, True, "Bush"),
        ("a2", "George P. Bush", "PERSON", 2, 1, False, "Bush"),
        ("a3", "Donald J. Trump", "PERSON", 2, 1, False, ""),
        ("a4", "Donald Trump", "PERSON", 4, 0, True, "Trump"),
    )
    out = canonicalize_corpus(table)
    assert list(out["entity"]) == ["George W. Bush", "George P. Bush", "Donald Trump", "Donald Trump"]


def test_with_two_full_names_a_titled_surname_goes_to_the_one_of_its_gender(nlp):
    ents = _entities(
        nlp, "Clintons on the trail",
        "Hillary Clinton and Bill Clinton campaigned in Scranton on Saturday.",
        "Mrs. Clinton said the economy was rigged against working families.",
        "Mr. Clinton told the crowd about his childhood in Arkansas.",
        "Clinton supporters cheered.",
    )
    assert len(_named(ents, "Hillary Clinton").mentions) == 2
    assert len(_named(ents, "Bill Clinton").mentions) == 2
    assert len(_named(ents, "Clinton").mentions) == 1


def test_with_two_full_names_a_bare_surname_stays_apart(nlp):
    ents = _entities(
        nlp, "On the trail",
        "Hillary Clinton and Bill Clinton campaigned in Scranton on Saturday.",
        "Clinton said the economy was rigged against working families.",
    )
    assert [m.text for m in _named(ents, "Clinton").mentions] == ["Clinton"]
    assert len(_named(ents, "Hillary Clinton").mentions) == 1
