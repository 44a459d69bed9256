"""Sources: one canonical source per speaker, typed, with role, affiliation and gender."""
from __future__ import annotations

import pandas as pd
import pytest

from medialens import charts, summaries
from medialens.entities import Entity, Mention, group_entities
from medialens.quotes import extract_quotes
from medialens.sources import affiliation_of, resolve_speakers
from medialens.sources.roles import _role_names_a_body, clean_role
from medialens.tables import frame, source_rows
from medialens.who_speaks import who_speaks_about_whom
from medialens.index import ArticleIndex


def _quotes(nlp, *paragraphs: str, headline: str = "Fighting flares in northwest Syria."):
    doc = nlp("\n\n".join([headline, *paragraphs]))
    ix = ArticleIndex.build(doc)
    return resolve_speakers(ix, extract_quotes(ix), group_entities(doc, labels=None))


def _sources(nlp, *paragraphs: str) -> dict[str, dict]:
    return {row["speaker_canonical"]: row for row in source_rows("a1", _quotes(nlp, *paragraphs))}


def _speaker_of(quotes, fragment: str):
    return next(q for q in quotes if fragment in q.text)


# ---------------------------------------------------------------------------- source types


def test_named_speaker_is_a_person(nlp):
    rows = _sources(nlp, "“We have regained control of the town,” Yusef Hamoud, spokesman for the Turkish-backed National Army, said.")
    assert rows["Yusef Hamoud"]["speaker_type"] == "person"


def test_unnamed_official_is_anonymous(nlp):
    rows = _sources(nlp, "A Turkish security official said the military had supported the rebel offensive with shelling.")
    (row,) = rows.values()
    assert row["speaker_type"] == "anonymous"
    assert "official" in row["speaker_canonical"]


def test_diplomat_who_asked_not_to_be_named_is_anonymous(nlp):
    rows = _sources(nlp, "A senior diplomat who asked not to be named said the talks in Geneva had stalled over the ceasefire.")
    (row,) = rows.values()
    assert row["speaker_type"] == "anonymous"
    assert row["speaker_canonical"].endswith("diplomat")


def test_sources_close_to_someone_are_anonymous(nlp):
    rows = _sources(nlp, "Sources close to the president said he was furious about the leak.")
    (row,) = rows.values()
    assert row["speaker_type"] == "anonymous"


def test_named_body_speaking_as_itself_is_an_organisation(nlp):
    rows = _sources(nlp, "The International Committee of the Red Cross said civilians must be allowed to leave the city.")
    assert rows["International Committee of the Red Cross"]["speaker_type"] == "organisation"


def test_ministry_speaking_in_a_statement_is_an_organisation(nlp):
    rows = _sources(nlp, "The ministry said in a statement that three soldiers had been wounded near the border.")
    (row,) = rows.values()
    assert row["speaker_type"] == "organisation"


@pytest.mark.parametrize("who", ["Syrian opposition activists", "Residents", "Witnesses"])
def test_unnamed_collective_is_a_group(nlp, who):
    rows = _sources(nlp, f"An airstrike struck a school in the town, killing three people, {who.lower() if who != 'Syrian opposition activists' else who} said.")
    (row,) = rows.values()
    assert row["speaker_type"] == "group"


def test_a_collective_opening_the_sentence_is_a_group(nlp):
    # the tagger takes the capitalised plural for a person's name
    rows = _sources(nlp, "Campaigners said the decision was a betrayal of local residents.")
    assert rows["Campaigners"]["speaker_type"] == "group"


def test_a_poll_speaks_for_the_body_behind_it(nlp):
    rows = _sources(nlp, "A new poll shows the governor trailing his challenger by six points.")
    (row,) = rows.values()
    assert row["speaker_type"] == "organisation"


@pytest.mark.parametrize("sentence, body", [
    ("According to a statement from the ministry, three soldiers were killed.", "Ministry"),
    ("A report by Human Rights Watch found that prisoners were tortured.", "Human Rights Watch"),
    ("A statement from Buckingham Palace said the King was “deeply saddened”.", "Buckingham Palace"),
    ("A new CNN/ORC poll found that Clinton leads by five points.", "CNN/ORC"),
    ("A survey by the organization in March found that most voters were undecided.", "Organization"),
])
def test_a_document_speaks_for_the_body_that_issued_it(nlp, sentence, body):
    (row,) = _sources(nlp, sentence).values()
    assert (row["speaker_canonical"], row["speaker_type"]) == (body, "organisation")


def test_the_document_named_again_is_the_body_that_issued_it(nlp):
    quotes = _quotes(nlp, "A Quinnipiac University poll found that Clinton leads by five points in Ohio.",
                     "The poll also found that 43 percent of voters support the senator.")
    assert [q.speaker_canonical for q in quotes] == ["Quinnipiac University", "Quinnipiac University"]


# ---------------------------------------------------------------------------- roles and affiliations


def test_apposition_gives_role_and_named_organisation(nlp):
    rows = _sources(nlp, "“We have regained control of the town,” Yusef Hamoud, spokesman for the Turkish-backed National Army, said.")
    assert rows["Yusef Hamoud"]["speaker_role"] == "spokesman for the Turkish-backed National Army"
    assert rows["Yusef Hamoud"]["affiliation"] == "National Army"


def test_acronym_in_title_is_read_as_the_organisation_it_stands_for(nlp):
    rows = _sources(
        nlp,
        "In Geneva, the International Committee of the Red Cross (ICRC) called on the warring sides to allow safe passage for civilians.",
        "“We are urging parties to allow civilians to move to safety,” ICRC spokeswoman Ruth Hetherington told a news briefing.",
    )
    assert rows["Ruth Hetherington"]["speaker_role"] == "ICRC spokeswoman"
    assert rows["Ruth Hetherington"]["affiliation"] == "International Committee of the Red Cross"


def test_title_before_name_gives_role_and_country(nlp):
    rows = _sources(nlp, "Turkish President Recep Tayyip Erdogan said no consensus was reached for a four-way meeting next month.")
    assert rows["Recep Tayyip Erdogan"]["speaker_role"] == "Turkish President"
    assert rows["Recep Tayyip Erdogan"]["affiliation"] == "Turkey"


def test_role_comes_from_an_earlier_mention(nlp):
    rows = _sources(
        nlp,
        "Russian Foreign Minister Sergei Lavrov arrived in Geneva on Tuesday for talks on the crisis.",
        "“This is capitulating before terrorists,” Lavrov told the UN Human Rights Council.",
    )
    assert rows["Sergei Lavrov"]["speaker_role"] == "Russian Foreign Minister"
    assert rows["Sergei Lavrov"]["affiliation"] == "Russia"


def test_role_names_an_organisation_only_as_whole_words():
    army = Entity("National Army", "ORG", [Mention("National Army", "ORG", 0, 13, 1)])
    assert affiliation_of("spokesman for the Turkish-backed National Army", [army]) == "National Army"
    assert affiliation_of("a National Army-backed militia leader", [army]) == "National Army"
    assert affiliation_of("spokesman for the National Armyworks plant", [army]) is None
    assert affiliation_of("spokesman for the Anti-National Army front", [army]) is None


@pytest.mark.parametrize("role", [
    "University of Washington professor", "senior fellow at the Peterson Institute for International Economics",
    "Senate Minority Whip", "House Republican", "drug company executive arrested and charged with fraud",
    "former National Security Agency lawyer now at the Brookings Institution",
])
def test_a_persons_role_at_a_body_is_not_the_body(role):
    assert not _role_names_a_body(role)


@pytest.mark.parametrize("role", ["one of the nation's largest coal companies", "firm founded in 2014 by UBS executives",
                                  "Economic Policy Institute"])
def test_a_description_of_a_body_names_a_body(role):
    assert _role_names_a_body(role)


def test_a_surname_the_tagger_calls_an_organisation_is_the_person_named_in_full(nlp):
    quotes = _quotes(nlp, "Carly Fiorina spoke in Iowa on Monday.",
                     "“Of course Bill Clinton’s fair game. He’s a former president,” Fiorina told “Fox and Friends.”")
    q = _speaker_of(quotes, "fair game")
    assert (q.speaker_canonical, q.speaker_type) == ("Carly Fiorina", "person")


def test_party_label_is_an_affiliation(nlp):
    rows = _sources(nlp, "Democratic nominee Hillary Clinton said the plan would cut taxes for working families.")
    assert rows["Hillary Clinton"]["affiliation"] == "Democratic Party"


# ---------------------------------------------------------------------------- one source, one row


def test_every_reference_to_one_person_is_one_row_with_counts(nlp):
    quotes = _quotes(
        nlp,
        "The violence came as Turkey’s president announced that a Russian delegation would arrive the following day.",
        "Turkish President Recep Tayyip Erdogan said no consensus was reached for a four-way meeting next month. "
        "He added, however, that Russia’s Vladimir Putin may still come to Turkey next week.",
        "“Russia supports Syria at the highest level,” Erdogan told reporters before departing for Azerbaijan. "
        "“Even if they deny it, we have evidence.”",
    )
    rows = source_rows("a1", quotes)
    assert [r["speaker_canonical"] for r in rows] == ["Recep Tayyip Erdogan"]
    row = rows[0]
    assert (row["quotes"], row["indirect"], row["direct"], row["mixed"]) == (5, 3, 2, 0)
    assert row["words"] == sum(q.words for q in quotes)


def test_pronoun_goes_to_the_antecedent_of_its_gender(nlp):
    quotes = _quotes(
        nlp,
        "Hillary Clinton said the plan would cut taxes for working families. Tim Kaine said the campaign would "
        "visit Ohio next week. “We are going to win this state,” she said.",
    )
    assert _speaker_of(quotes, "win this state").speaker_canonical == "Hillary Clinton"


def test_pronoun_is_not_resolved_across_a_paragraph_where_someone_else_spoke(nlp):
    quotes = _quotes(
        nlp,
        "John Miller said the factory would close in March.",
        "“We were never told,” said Mary Jones, who has worked there for 20 years.",
        "“The decision was made in Chicago,” he said.",
    )
    assert _speaker_of(quotes, "never told").speaker_canonical == "Mary Jones"
    assert _speaker_of(quotes, "made in Chicago").speaker_type == "unknown"


def test_honorific_and_surname_resolve_to_the_full_name_of_that_gender(nlp):
    quotes = _quotes(
        nlp,
        "Donald Trump and Melania Trump arrived in Ohio on Monday.",
        "“We will bring the jobs back,” Mr. Trump said at the rally.",
        "“It is a beautiful state,” Mrs. Trump told reporters.",
    )
    assert _speaker_of(quotes, "jobs back").speaker_canonical == "Donald Trump"
    assert _speaker_of(quotes, "beautiful state").speaker_canonical == "Melania Trump"


def test_role_description_resolves_to_the_earlier_speaker(nlp):
    rows = _sources(
        nlp,
        "“We have regained control of the town,” Yusef Hamoud, spokesman for the Turkish-backed National Army, said.",
        "The rebels were now clearing the town, the spokesman said.",
    )
    assert list(rows) == ["Yusef Hamoud"]
    assert rows["Yusef Hamoud"]["quotes"] == 2


def test_definite_description_resolves_to_the_earlier_unnamed_source(nlp):
    rows = _sources(
        nlp,
        "A Turkish security official said the Turkish military had supported the rebel offensive with shelling.",
        "“This will happen soon,” the Turkish official said.",
    )
    assert len(rows) == 1
    (row,) = rows.values()
    assert row["speaker_type"] == "anonymous" and row["quotes"] == 2


def test_another_source_is_a_different_source(nlp):
    rows = _sources(
        nlp,
        "The campaign had planned the trip for weeks, a source said.",
        "The trip was cancelled on Sunday night, another source said.",
    )
    assert len(rows) == 2
    assert all(r["speaker_type"] == "anonymous" for r in rows.values())


# ---------------------------------------------------------------------------- gender


def test_gender_of_named_sources_from_name_role_and_pronoun(nlp):
    rows = _sources(
        nlp,
        "“We are urging parties to allow civilians to move to safety,” ICRC spokeswoman Ruth Hetherington told a news briefing.",
        "“We have regained control of the town,” Yusef Hamoud, spokesman for the National Army, said.",
        "The ministry said in a statement that three soldiers had been wounded.",
    )
    assert rows["Ruth Hetherington"]["gender"] == "female"
    assert rows["Yusef Hamoud"]["gender"] == "male"  # the name is not in the list; the role says it
    (ministry,) = [r for r in rows.values() if r["speaker_type"] == "organisation"]
    assert ministry["gender"] is None  # bodies have no gender


def test_gender_from_a_pronoun_that_refers_to_the_source(nlp):
    rows = _sources(
        nlp,
        "Yusef Hamoud arrived in the town on Tuesday.",
        "“We have regained control of the town,” he said.",
    )
    assert rows["Yusef Hamoud"]["gender"] == "male"


def test_gender_is_unknown_without_evidence(nlp):
    rows = _sources(nlp, "A Turkish security official said the military had supported the rebel offensive with shelling.")
    (row,) = rows.values()
    assert row["gender"] == "unknown"


def test_speaker_and_role_never_reach_into_an_unpunctuated_headline(nlp):
    quotes = _quotes(
        nlp,
        "Turkish President Recep Tayyip Erdogan said no consensus was reached for a four-way meeting next month.",
        headline="Fighting flares in northwest Syria",
    )
    rows = source_rows("a1", quotes)
    assert [r["speaker_canonical"] for r in rows] == ["Recep Tayyip Erdogan"]
    assert rows[0]["speaker_role"] == "Turkish President"


def test_abbreviated_office_is_the_role_and_party_letter_the_affiliation(nlp):
    rows = _sources(nlp, "“That claim smacked of hypocrisy,” said Rep. Trey Gowdy (R-S.C.), who chairs the panel.")
    assert rows["Trey Gowdy"]["speaker_role"] == "Representative"
    assert rows["Trey Gowdy"]["affiliation"] == "Republican Party"


def test_an_adjective_before_a_name_is_not_a_role(nlp):
    rows = _sources(nlp, "A completely different Ed Schultz said the network had never told him what to say.")
    assert rows["Ed Schultz"]["speaker_role"] is None


# ---------------------------------------------------------------------------- corpus view

def _source(article_id, name, kind, quotes=1, words=10, role=None, affiliation=None, gender=None):
    return {"article_id": article_id, "speaker_canonical": name, "speaker_type": kind, "speaker_role": role,
            "quotes": quotes, "direct": quotes, "indirect": 0, "mixed": 0, "words": words,
            "affiliation": affiliation, "gender": gender}


@pytest.fixture
def corpus_sources() -> pd.DataFrame:
    return frame("sources", [
        _source("a1", "Donald J. Trump", "person", 3, 60, "Republican nominee", "Republican Party", "male"),
        _source("a1", "senior official", "anonymous", 2, 30, gender="unknown"),
        _source("a1", "Residents", "group", 1, 12),
        _source("a2", "Donald Trump", "person", 1, 20, gender="male"),
        _source("a2", "Hillary Clinton", "person", 4, 80, "Democratic nominee", "Democratic Party", "female"),
        _source("a3", "Trump", "person", 2, 25, gender="unknown"),
        _source("a3", "sources", "anonymous", 1, 15, gender="unknown"),
        _source("a3", "aides", "anonymous", 1, 5, gender="unknown"),
        _source("a3", "Pentagon", "organisation", 1, 9),
    ])


@pytest.fixture
def corpus_articles() -> pd.DataFrame:
    return frame("articles", [
        {"article_id": "a1", "headline": "One", "outlet": "wash-post", "paragraphs": 5, "words": 300},
        {"article_id": "a2", "headline": "Two", "outlet": "wash-post", "paragraphs": 5, "words": 300},
        {"article_id": "a3", "headline": "Three", "outlet": "nyt", "paragraphs": 5, "words": 300},
    ])


def test_the_same_person_is_one_source_across_articles(corpus_sources):
    out = summaries.sources_across_articles(corpus_sources, min_articles=2)
    assert list(out["speaker_canonical"]) == ["Donald J. Trump"]  # the most quoted spelling
    row = out.iloc[0]
    assert (row["articles"], row["quotes"], row["words"]) == (3, 6, 105)
    assert row["speaker_role"] == "Republican nominee" and row["affiliation"] == "Republican Party"
    assert row["gender"] == "male"  # `unknown` in one article does not undo what others found


def test_a_surname_joins_a_full_name_only_when_it_is_unambiguous(corpus_sources):
    extra = frame("sources", [_source("a4", "Melania Trump", "person", 1, 5, gender="female")])
    names = summaries.corpus_source_names(pd.concat([corpus_sources, extra], ignore_index=True))
    assert names[5] == "Trump"  # Donald or Melania: left as written
    assert names[3] == "Donald J. Trump"


def test_anonymous_share_per_outlet(corpus_sources, corpus_articles):
    out = summaries.anonymous_share_by_outlet(corpus_sources, corpus_articles).set_index("outlet")
    assert out.loc["nyt", "anonymous"] == 2 and out.loc["nyt", "sources"] == 4
    assert out.loc["nyt", "anonymous_share"] == pytest.approx(0.5)
    assert out.loc["nyt", "quote_share"] == pytest.approx(2 / 5)
    assert out.loc["wash-post", "articles"] == 2
    assert out.loc["wash-post", "anonymous_share"] == pytest.approx(1 / 5)
    assert list(out.index) == ["nyt", "wash-post"]  # highest share first


def test_quotes_by_gender_counts_individuals_only(corpus_sources):
    out = summaries.quotes_by_gender(corpus_sources).set_index("gender")
    assert list(out.index) == ["female", "male", "unknown"]
    assert out.loc["male", "quotes"] == 4 and out.loc["female", "quotes"] == 4
    assert out.loc["unknown", "quotes"] == 6  # the Pentagon and the residents are not counted
    assert out["share_of_quotes"].sum() == pytest.approx(1.0)


def test_source_roles_can_leave_gender_out(corpus_sources):
    assert "gender" in summaries.source_roles(corpus_sources).columns
    out = summaries.source_roles(corpus_sources, gender=False)
    assert "gender" not in out.columns
    assert out.iloc[0]["speaker_canonical"] == "Hillary Clinton"  # most quoted first


def test_who_speaks_about_whom_reads_names_and_aliases_in_quotes():
    quotes = frame("quotes", [
        {"article_id": "a1", "quote_id": "a1-q001", "kind": "direct", "text": "Erdogan knows Russia supports Syria",
         "speaker_canonical": "Sergei Lavrov", "speaker_type": "person"},
        {"article_id": "a1", "quote_id": "a1-q002", "kind": "direct", "text": "The ICRC urges all sides, and Lavrov agrees",
         "speaker_canonical": "Ruth Hetherington", "speaker_type": "person"},
        {"article_id": "a1", "quote_id": "a1-q003", "kind": "direct", "text": "Russia must stop",
         "speaker_canonical": "unknown", "speaker_type": "unknown"},
    ])
    entities = frame("entities", [
        {"article_id": "a1", "entity": "Recep Tayyip Erdogan", "label": "PERSON", "mentions": 2, "aliases": "Erdogan"},
        {"article_id": "a1", "entity": "Russia", "label": "GPE", "mentions": 3, "aliases": ""},
        {"article_id": "a1", "entity": "Syria", "label": "GPE", "mentions": 3, "aliases": ""},
        {"article_id": "a1", "entity": "Sergei Lavrov", "label": "PERSON", "mentions": 2, "aliases": "Lavrov"},
        {"article_id": "a1", "entity": "International Committee of the Red Cross", "label": "ORG", "mentions": 2, "aliases": "ICRC"},
    ])
    out = who_speaks_about_whom(quotes, entities)
    pairs = set(zip(out["speaker_canonical"], out["entity"]))
    assert pairs == {
        ("Sergei Lavrov", "Recep Tayyip Erdogan"), ("Sergei Lavrov", "Russia"), ("Sergei Lavrov", "Syria"),
        ("Ruth Hetherington", "International Committee of the Red Cross"), ("Ruth Hetherington", "Sergei Lavrov"),
    }


def test_gender_chart_has_one_bar_per_gender(corpus_sources):
    fig = charts.gender_chart(summaries.quotes_by_gender(corpus_sources), "words")
    bars = fig.axes[0].patches
    assert [b.get_width() for b in bars] == [80, 80, 75]  # female, male, unknown


def test_name_in_apposition_to_a_description_is_the_speaker(nlp):
    rows = _sources(nlp, "A lawyer for the news outlets, David Schulz, said no immediate decision had been made about an appeal.")
    assert list(rows) == ["David Schulz"]
    assert rows["David Schulz"]["speaker_type"] == "person"
    assert rows["David Schulz"]["speaker_role"] == "lawyer for the news outlets"


def test_party_nickname_in_a_description_finds_the_titled_person(nlp):
    quotes = _quotes(
        nlp,
        "Republican nominee Donald Trump spoke in Ohio on Monday.",
        "The GOP nominee said he would cut taxes for every family in the state.",
    )
    assert _speaker_of(quotes, "cut taxes").speaker_canonical == "Donald Trump"


def test_the_agency_is_the_body_that_has_just_spoken(nlp):
    rows = _sources(
        nlp,
        "The top 1 percent paid 25.4 percent of all federal taxes in 2013, according to the Congressional Budget Office. "
        "The middle one-fifth paid 8.9 percent, the agency said in a June report.",
    )
    assert list(rows) == ["Congressional Budget Office"]
    assert rows["Congressional Budget Office"]["quotes"] == 2


def test_a_majority_of_a_people_is_a_group(nlp):
    rows = _sources(nlp, "A majority of Americans say the country is on the wrong track, a new survey shows.")
    assert any(r["speaker_type"] == "group" for r in rows.values())


def test_it_goes_back_to_the_body_when_only_people_have_spoken_since(nlp):
    quotes = _quotes(
        nlp,
        "The Tax Policy Center said the plan would cost $6 trillion over a decade.",
        "“The numbers do not add up,” said Len Burman, a fellow at the center.",
        "It said the top 1 percent would receive half of the benefit.",
    )
    assert _speaker_of(quotes, "half of the benefit").speaker_canonical == "Tax Policy Center"


def test_a_description_of_someone_else_is_not_that_person(nlp):
    rows = _sources(
        nlp,
        "Hillary Clinton aide Cheryl Mills testified before the panel in May.",
        "An attorney for Mills did not immediately respond to requests for comment, but said the subpoena was improper.",
    )
    assert "Cheryl Mills" not in rows


def test_title_with_of_the_before_a_name(nlp):
    rows = _sources(nlp, "Speaker of the House Newt Gingrich said the contract would pass within a hundred days.")
    assert rows["Newt Gingrich"]["speaker_role"] == "Speaker of the House"


def test_affiliation_is_the_first_organisation_the_role_names(nlp):
    rows = _sources(
        nlp,
        "Bobby Scott is not a household name in Virginia, and Scott rarely speaks to reporters.",
        "“He's not demonstrated an ambition for higher office,” said Quentin Kidd, a political scientist at "
        "Christopher Newport University in Scott's district.",
    )
    assert rows["Quentin Kidd"]["affiliation"] == "Christopher Newport University"


def test_pronoun_skips_a_name_inside_reported_speech(nlp):
    quotes = _quotes(
        nlp,
        "White House spokesman Josh Earnest said Monday that President Barack Obama has long called for tax fairness. "
        "He said the president hopes his successor will push for the same goals.",
    )
    assert _speaker_of(quotes, "successor").speaker_canonical == "Josh Earnest"


def test_groups_of_people_are_a_group_and_groups_are_organisations(nlp):
    rows = _sources(nlp, "Small groups of protesters continued to call for more information about the shooting.")
    assert [r["speaker_type"] for r in rows.values()] == ["group"]
    rows = _sources(nlp, "Several environmental groups said the company had failed to treat polluted runoff.")
    assert [r["speaker_type"] for r in rows.values()] == ["organisation"]


def test_a_dateline_is_never_a_speaker(nlp):
    from medialens.quotes import Quote

    doc = nlp("Lavrov rejects Idlib cease-fire.\n\nGENEVA: Russian Foreign Minister Sergei Lavrov on Tuesday rejected calls for a halt.")
    start = doc.text.index("GENEVA")
    quote = Quote("indirect", "Russian Foreign Minister Sergei Lavrov on Tuesday rejected calls for a halt", start + 8,
                  len(doc.text) - 1, 1, cue=":", speaker="GENEVA", speaker_start=start, speaker_end=start + 6)
    (resolved,) = resolve_speakers(ArticleIndex.build(doc), [quote], group_entities(doc, "GENEVA", labels=None))
    assert resolved.speaker_type == "unknown"


def test_possessive_outlet_is_the_affiliation(nlp):
    rows = _sources(nlp, "Debates in and of themselves are not likely to alter the campaign, noted NBC’s Dante Chinni.")
    assert rows["Dante Chinni"]["affiliation"] == "NBC"


def test_first_name_alone_is_the_person_of_that_first_name(nlp):
    quotes = _quotes(
        nlp,
        "Donald Trump and his wife, Melania Trump, arrived in Ohio on Monday.",
        "“I love this state,” Melania said at the rally.",
    )
    assert _speaker_of(quotes, "love this state").speaker_canonical == "Melania Trump"


def test_party_and_state_letters_are_not_a_role(nlp):
    rows = _sources(nlp, "Sen. David Vitter (R-La.) said the bank had broken the law.")
    assert rows["David Vitter"]["speaker_role"] == "Senator"
    assert rows["David Vitter"]["affiliation"] == "Republican Party"


def test_a_name_described_as_a_company_is_an_organisation(nlp):
    rows = _sources(
        nlp,
        "Patriot Coal, one of the nation's largest coal companies, said it would file for bankruptcy protection.",
    )
    assert [r["speaker_type"] for r in rows.values()] == ["organisation"]


def test_pronoun_in_a_quote_reaching_back_over_it_finds_the_subject_before_it(nlp):
    quotes = _quotes(
        nlp,
        "French Foreign Minister Jean-Marc Ayrault said the test \"cannot be left without consequences.\"",
        "Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of U.N. resolutions.",
    )
    assert _speaker_of(quotes, "brazen breach").speaker_canonical == "Ban Ki-moon"


def test_pronoun_finds_the_subject_a_reported_predicate_opens_with(nlp):
    quotes = _quotes(
        nlp,
        "Mayor Jane Porter spoke at the rally on Monday.",
        "Hillary Clinton is expected to implore Bernie Sanders to let up on his critiques. "
        "\u201cI did not put down conditions,\u201d she said.",
    )
    assert _speaker_of(quotes, "Clinton to implore").speaker is None
    assert _speaker_of(quotes, "put down conditions").speaker_canonical == "Hillary Clinton"


def test_hyphenated_title_types_the_source_by_its_whole_word(nlp):
    quotes = _quotes(nlp, "“We will not leave the villages to the rebels,” said the ex-minister.")
    (q,) = quotes
    assert (q.speaker, q.speaker_canonical, q.speaker_type) == ("the ex-minister", "ex-minister", "anonymous")


def test_wire_credit_is_no_part_of_the_speakers_role(nlp):
    (q,) = _quotes(nlp, "May 3 (Reuters) - Kurdish militia commander Ahmed Karim said on Tuesday that the town had been retaken.")
    assert (q.speaker_canonical, q.speaker_role) == ("Ahmed Karim", "Kurdish militia commander")


def test_transcript_label_is_the_person_of_that_surname(nlp):
    quotes = _quotes(nlp, "GENEVA: Russian Foreign Minister Sergei Lavrov met his Turkish counterpart on Tuesday.",
                     "LAVROV: We have agreed on nothing yet.", "CAVUSOGLU: We will meet again next week.", "LAVROV: Perhaps.")
    assert [(q.text, q.speaker_canonical, q.speaker_type) for q in quotes] == [
        ("We have agreed on nothing yet.", "Sergei Lavrov", "person"),
        ("We will meet again next week.", "Cavusoglu", "person"),
        ("Perhaps.", "Sergei Lavrov", "person"),
    ]


def test_hyphenated_title_with_a_preposition_is_headed_before_it(nlp):
    (q,) = _quotes(nlp, "The Republican nominee-in-waiting said the district would be rebuilt by winter.")
    assert (q.speaker, q.speaker_canonical, q.speaker_type) == ("The Republican nominee-in-waiting", "Republican nominee", "anonymous")


def test_role_title_goes_to_the_holder_not_the_shadow(nlp):
    quotes = _quotes(nlp, "Chancellor Philip Hammond unveiled the budget on Wednesday. Shadow chancellor John McDonnell said it was a disgrace.",
                     "“This budget will build a stronger economy,” the chancellor said.")
    assert _speaker_of(quotes, "stronger economy").speaker_canonical == "Philip Hammond"


def test_role_title_goes_to_the_holder_not_the_former_holder(nlp):
    quotes = _quotes(nlp, "Prime Minister Theresa May defended the deal. Former prime minister Tony Blair said it would fail.",
                     "The prime minister said the deal was the best available.")
    assert _speaker_of(quotes, "best available").speaker_canonical == "Theresa May"


def test_office_with_the_holder_in_apposition_is_the_holders_role(nlp):
    quotes = _quotes(nlp, "The home secretary, Amber Rudd, visited the border on Monday.",
                     "“We will not let this happen again,” the home secretary said.")
    q = _speaker_of(quotes, "happen again")
    assert (q.speaker_canonical, q.speaker_role) == ("Amber Rudd", "home secretary")


def test_first_name_alone_joins_the_one_full_name_that_starts_with_it(nlp):
    quotes = _quotes(nlp, "Kwabena Mensah, 34, lost his house in the flood.", "“We had nothing left,” Kwabena said.")
    assert _speaker_of(quotes, "nothing left").speaker_canonical == "Kwabena Mensah"


def test_first_name_shared_by_two_full_names_joins_neither(nlp):
    quotes = _quotes(nlp, "Chris Okafor and Chris Reid lost their houses in the flood.", "“We had nothing left,” Chris said.")
    assert _speaker_of(quotes, "nothing left").speaker_canonical == "Chris"


def test_interview_question_label_is_no_source(nlp):
    quotes = _quotes(nlp, "Vice President Ann Okafor spoke to us on Tuesday.",
                     "Q: Now you’re talking about how the district could be better, too. Are you surprised by the anger?",
                     "OKAFOR: I am surprised.")
    # the question's words are read with their own subject (`you're talking about ...`, what
    # PolNeAR too gives as that attribution's source), and neither it nor the label `Q` is a source
    assert [(q.kind, q.speaker, q.speaker_canonical) for q in quotes] == [
        ("indirect", "you", "unknown"), ("indirect", "OKAFOR", "Ann Okafor")]
    assert [r["speaker_canonical"] for r in source_rows("a1", quotes)] == ["Ann Okafor"]


def test_a_coordinator_or_deputy_is_an_unnamed_individual(nlp):
    (q,) = _quotes(nlp, "“We will stay open all week,” the campaign coordinator said.")
    assert (q.speaker_canonical, q.speaker_type) == ("campaign coordinator", "anonymous")
    (q,) = _quotes(nlp, "“The count will finish tonight,” a deputy said.")
    assert q.speaker_type == "anonymous"


def test_quote_carried_past_a_question_shares_the_source_of_the_speaker_it_continues(nlp):
    quotes = _quotes(nlp, "“Jobs, jobs, jobs,” Hillary Clinton said on the show last month when asked what her husband "
                          "would do in the White House. “Nobody did it better, and I want every bit of his advice.”")
    carried = _speaker_of(quotes, "Nobody did it better")
    assert (carried.speaker_rule, carried.speaker_canonical) == ("carried", "Hillary Clinton")


def test_headline_label_resolves_to_the_person_the_story_names_not_to_a_name_in_the_quote(nlp):
    quotes = _quotes(nlp, "Senate Minority Leader Harry Reid spoke on Monday about the campaign of Donald Trump.",
                     headline="Reid: 'Never, ever, ever underestimate Trump.'")
    assert _speaker_of(quotes, "underestimate").speaker_canonical == "Harry Reid"


# ---------------------------------------------------------------------------- British titles


def test_a_rank_the_tagger_takes_into_a_name_is_the_role(nlp):
    # en_core_web_sm tags `Constable Sarah Crew` as the person's name
    rows = _sources(nlp, "Chief Constable Sarah Crew said: “Our thoughts are with the family.”")
    assert rows["Sarah Crew"]["speaker_role"] == "Chief Constable"


def test_abbreviated_british_ranks_are_spelled_out_as_the_role(nlp):
    rows = _sources(nlp, "Cllr Peter Brown, leader of the council, said the decision was “difficult but necessary”. "
                         "Det Supt Mark Evans said officers were at the scene.")
    assert rows["Peter Brown"]["speaker_role"] == "Councillor"
    assert rows["Mark Evans"]["speaker_role"] == "Detective Superintendent"


@pytest.mark.parametrize("rank, name, role", [("Det Supt", "Mark Evans", "Detective Superintendent"),
                                             ("Det Ch Insp", "Claire Smith", "Detective Chief Inspector")])
def test_a_rank_before_a_name_and_its_force_is_the_role(nlp, rank, name, role):
    # the parser hangs `Det Supt` on the first name; the tagger reads `Det Ch Insp` alone as
    # the person and misses the name after it
    rows = _sources(nlp, f"\"The rules are clear,\" said {rank} {name} of Merseyside Police.")
    assert rows[name]["speaker_role"] == role


@pytest.mark.parametrize("sentence, name", [
    ("“The sentence was unduly lenient,” said Paul Watson KC, representing the family.", "Paul Watson"),
    ("“We are deeply concerned,” said Dame Sarah Storey DBE.", "Sarah Storey"),
])
def test_letters_after_a_name_are_not_part_of_it(nlp, sentence, name):
    (row,) = _sources(nlp, sentence).values()
    assert (row["speaker_canonical"], row["speaker_type"]) == (name, "person")


def test_a_justice_of_a_court_is_a_person_with_that_role(nlp):
    rows = _sources(nlp, "Donald Trump called Wednesday for Supreme Court Justice Ruth Bader Ginsburg to resign "
                         "for saying publicly that she feels he is unfit to be president.")
    ginsburg = rows["Ruth Bader Ginsburg"]
    assert (ginsburg["speaker_type"], ginsburg["speaker_role"]) == ("person", "Supreme Court Justice")


@pytest.mark.parametrize("opening", ["But", "When", "And"])
def test_the_word_opening_a_sentence_is_not_part_of_a_title(nlp, opening):
    rows = _sources(nlp, f"{opening} Prime Minister Benjamin Netanyahu spoke to reporters, he said he was ready.")
    assert rows["Benjamin Netanyahu"]["speaker_role"] == "Prime Minister"


def test_an_office_the_tagger_calls_an_organisation_is_the_role_of_the_name_beside_it(nlp):
    rows = _sources(nlp, "The Taoiseach, Micheál Martin, said Ireland would “stand by” its commitments.")
    martin = rows["Micheál Martin"]
    assert (martin["speaker_type"], martin["speaker_role"]) == ("person", "Taoiseach")


@pytest.mark.parametrize("office", ["coroner", "magistrate"])
def test_an_unnamed_officer_of_a_court_is_anonymous(nlp, office):
    (row,) = _sources(nlp, f"The {office} said the death was “entirely preventable”.").values()
    assert row["speaker_type"] == "anonymous"


@pytest.mark.parametrize("named, described", [
    ("John Smith, 45, from Leeds, said he had waited six hours.", "“It was chaos,” the 45-year-old said."),
    ("John Smith (45) said he had waited six hours.", "The 45-year-old added: “It was chaos.”"),
])
def test_an_age_describes_the_person_named_with_it(nlp, named, described):
    quotes = _quotes(nlp, named, "Mary Jones, 62, said she had left early.", described, headline="Headline here")
    assert _speaker_of(quotes, "chaos").speaker_canonical == "John Smith"


def test_an_age_nobody_was_given_names_nobody(nlp):
    quotes = _quotes(nlp, "John Smith, 45, said he had waited.", "“It was chaos,” the 30-year-old said.", headline="Headline here")
    assert _speaker_of(quotes, "chaos").speaker_canonical != "John Smith"


def test_a_possessive_pronoun_opening_a_role_is_left_out(nlp):
    rows = _sources(nlp, "“We will not be moved,” said his chief of staff, Sue Gray.")
    assert rows["Sue Gray"]["speaker_role"] == "chief of staff"


def test_a_rank_word_that_is_all_but_the_surname_may_be_the_first_name(nlp):
    rows = _sources(nlp, "CBS correspondent Major Garrett said the talks had stalled. "
                         "Superintendent Mark Evans said officers were at the scene.")
    assert rows["Major Garrett"]["speaker_role"] == "CBS correspondent"
    assert rows["Mark Evans"]["speaker_role"] == "Superintendent"


@pytest.mark.parametrize("headline", ["Fighting flares in northwest Syria.", "Headline here"])
def test_a_title_without_its_full_stop_stays_with_the_surname(nlp, headline):
    # British style writes `Mrs May`; the tagger takes `Mrs` into the name after one headline
    # and the parser reads it as a sentence of its own after the other
    (q,) = _quotes(nlp, "Mrs May told the Commons: “Nothing has changed.”", headline=headline)
    assert (q.speaker, q.speaker_canonical, q.speaker_gender) == ("Mrs May", "May", "female")
    (q,) = _quotes(nlp, "Sir Alex Ferguson said the club had “lost its way”.", headline=headline)
    assert (q.speaker, q.speaker_canonical) == ("Sir Alex Ferguson", "Alex Ferguson")


def test_a_peerage_title_is_no_part_of_the_name(nlp):
    (q,) = _quotes(nlp, "Baroness Hale said the ruling was “unlawful”.")
    assert (q.speaker_canonical, q.speaker_gender) == ("Hale", "female")


def test_an_acronym_in_brackets_after_a_name_keeps_both_brackets(nlp):
    (q,) = _quotes(nlp, "According to the Office for National Statistics (ONS), inflation rose to 4% in October.")
    assert (q.speaker, q.speaker_canonical) == ("the Office for National Statistics (ONS)", "Office for National Statistics")


def test_a_name_ner_misses_beside_a_word_for_a_person_is_the_speaker(nlp):
    # the parser hangs the name on `West`, the last noun before it, not on `MP`
    (q,) = _quotes(nlp, "In a tweet, the Labour MP for Bristol West, Thangam Debbonaire, wrote: “This is a shameful day.”")
    assert (q.speaker_canonical, q.speaker_type, q.speaker_role) == ("Thangam Debbonaire", "person", "Labour MP for Bristol West")


def test_a_title_after_a_description_leaves_no_comma_on_the_role(nlp):
    rows = _sources(nlp, "The Liberal Democrats' leader, Sir Ed Davey, called the decision “a national scandal”.")
    assert rows["Ed Davey"]["speaker_role"] == "Liberal Democrats' leader"


def test_a_role_ends_before_a_second_person_named_after_it():
    assert clean_role("parliamentary commissioner for the military, or Karl-Heinz Kamp, the president") == \
        "parliamentary commissioner for the military"
    # an Oxford comma inside a body's name is no second person
    assert clean_role("chairman of the Committee on Health, Education, Labor, and Pensions") == \
        "chairman of the Committee on Health, Education, Labor, and Pensions"


def test_an_unnamed_source_keeps_the_brackets_of_its_acronym(nlp):
    (q,) = _quotes(nlp, "A spokesman for the Ministry of Defence (MoD) said: “We do not comment on operational matters.”")
    assert (q.speaker, q.speaker_canonical) == ("A spokesman for the Ministry of Defence (MoD)",
                                                "spokesman for the Ministry of Defence (MoD)")


def test_a_title_opening_a_mention_gives_a_gender_only_when_it_is_the_named_persons(nlp):
    # `Ms.` is Merkel's, not the spokesman's
    rows = _sources(nlp, "Ms. Merkel's spokesman, Steffen Seibert, said the talks would go on.")
    assert rows["Steffen Seibert"]["gender"] == "male"


def test_a_first_name_given_an_age_is_a_person_a_pronoun_can_point_at(nlp):
    # en_core_web_sm tags this `Maria` a place; `, 34,` after a name is how news gives an age
    quotes = _quotes(nlp, "Maria, 34, has lived in the camp for two years. “Every night I hear the shelling,” she says.")
    assert [(q.speaker, q.speaker_canonical, q.speaker_gender) for q in quotes] == [("she", "Maria", "female")]


@pytest.mark.parametrize("headline", ["Fighting flares in northwest Syria.", "Headline here"])
def test_a_body_named_after_a_place_is_not_the_place(nlp, headline):
    # the tagger takes `Scotland` alone for the entity; the parser can make `NHS` a sentence
    quotes = _quotes(nlp, "NHS England said waiting lists had fallen for the third month.",
                     "Police Scotland said a man had been arrested.", headline=headline)
    assert [(q.speaker_canonical, q.speaker_type) for q in quotes] == [("NHS England", "organisation"),
                                                                        ("Police Scotland", "organisation")]


@pytest.mark.parametrize("sentence, name, role", [
    # the first noun of the title names a body; the title's last word says it is a person's
    ("Kremlin spokesman Dmitry Peskov told reporters the talks were “not progressing”.", "Dmitry Peskov", "Kremlin spokesman"),
    ("Senate Majority Leader Mitch McConnell said the bill would pass.", "Mitch McConnell", "Senate Majority Leader"),
    # a first name tagged a nationality, and a name tagged an organisation, after a title
    ("Labour spokesperson Anneliese Dodds said: “This is wrong.”", "Anneliese Dodds", "Labour spokesperson"),
    ("BJP spokesperson Sambit Patra said the claim was false.", "Sambit Patra", "BJP spokesperson"),
])
def test_a_named_person_behind_a_bodys_title_is_a_person(nlp, sentence, name, role):
    rows = _sources(nlp, sentence)
    assert (rows[name]["speaker_type"], rows[name]["speaker_role"]) == ("person", role)


def test_a_street_or_palace_that_speaks_is_the_body_it_houses(nlp):
    # `Downing Street`, which NER does not tag, speaks for the government, as the Kremlin does
    (q,) = _quotes(nlp, "Downing Street said the Prime Minister had full confidence in her.")
    assert (q.speaker_canonical, q.speaker_type) == ("Downing Street", "organisation")


def test_a_name_in_a_list_of_figures_is_not_given_an_age(nlp):
    # `Florida, 29,` is electoral votes: the state stays a place
    doc = nlp("Votes\n\nClinton needs Florida, 29, and Ohio, 18, to win. Florida has voted for the winner since 1996.")
    labels = {g.name: g.label for g in group_entities(doc, labels=None)}
    assert labels["Florida"] == "GPE" and labels["Ohio"] == "GPE"
