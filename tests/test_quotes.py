"""Quote conventions of news writing, each pinned with a short newswire-style example."""
from __future__ import annotations

import pytest

from medialens.quotes import extract_quotes, find_marked_spans
from medialens.index import ArticleIndex


def quotes_of(nlp, body: str, headline: str = "Mayor pledges to rebuild flooded district"):
    """Quotes of an article with `headline` as its first line and `body` (paragraphs split by
    blank lines) after it."""
    return extract_quotes(ArticleIndex.build(nlp(f"{headline}\n\n{body}")))


def only(quotes, kind=None):
    found = [q for q in quotes if kind is None or q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_speaker_before_the_quote(nlp):
    q = only(quotes_of(nlp, 'Mayor Ann Smith said: "We will rebuild every house on this street."'))
    assert q.kind == "direct"
    assert q.text == "We will rebuild every house on this street."
    assert q.speaker == "Mayor Ann Smith"
    assert q.cue == "said"


def test_speaker_after_the_quote(nlp):
    q = only(quotes_of(nlp, "“We will rebuild every house on this street,” the mayor said on Tuesday."))
    assert q.kind == "direct"
    assert q.speaker == "the mayor"
    assert q.cue == "said"


def test_speaker_inside_the_quote_joins_both_parts(nlp):
    body = "“We will rebuild every house,” she said, “and we will do it before the winter.”"
    headline = "Mayor pledges to rebuild flooded district"
    text = f"{headline}\n\n{body}"
    first, second = find_marked_spans(text, len(headline) + 2, len(text), 1, single=False)
    assert (text[first.start : first.end], text[second.start : second.end]) == (
        "We will rebuild every house,", "and we will do it before the winter.")
    q = only(quotes_of(nlp, body, headline))
    # one quote from the first part's first word to the second part's last word; the
    # attribution between the parts lies inside those offsets and is not the speaker's words
    assert (q.kind, q.start, q.end, q.paragraph) == ("direct", first.start, second.end, 1)
    assert (q.speaker, q.cue) == ("she", "said")
    assert text[q.speaker_start : q.speaker_end] == "she"
    assert first.end < q.speaker_start < q.cue_start < second.start
    assert text[q.cue_start : q.cue_start + len("said")] == "said"
    assert q.speaker == "she"


def test_attribution_with_its_own_action_ends_the_first_quote(nlp):
    text = ("“Russia supports Syria at the highest level,” Erdogan told reporters before departing for "
            "a visit to Azerbaijan. “Even if they deny it, we have evidence.”")
    first, second = quotes_of(nlp, text)
    assert first.text == "Russia supports Syria at the highest level,"
    assert second.text == "Even if they deny it, we have evidence."
    assert (first.speaker, second.speaker) == ("Erdogan", "Erdogan")


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("“The economy is growing faster than anyone expected,” Smith told reporters.", "told"),
        ("“The economy is growing faster than anyone expected,” Smith added.", "added"),
        ("Smith argued that the economy was growing faster than anyone expected.", "argued"),
        ("Smith warned that the economy was slowing faster than anyone expected.", "warned"),
        ("Smith insisted that the economy was growing faster than anyone expected.", "insisted"),
        ("Smith noted that the economy was growing faster than anyone expected.", "noted"),
        ("Smith wrote in an op-ed that the economy was growing faster than anyone expected.", "wrote in an op-ed"),
        ("“The economy is growing faster than anyone expected,” Smith tweeted.", "tweeted"),
        ("“The economy is growing faster than anyone expected,” Smith said in a statement.", "said in a statement"),
    ],
)
def test_cues_beyond_said(nlp, sentence, cue):
    q = only(quotes_of(nlp, sentence))
    assert q.cue == cue
    assert q.speaker == "Smith"
    assert "economy" in q.text


def test_a_clause_describing_the_speaker_does_not_frame_the_quote(nlp):
    q = only(quotes_of(nlp, "“It's a disgrace,” one resident, who asked not to be named, told reporters."))
    assert (q.cue, q.speaker) == ("told", "one resident")


def test_according_to_names_the_source_after_it(nlp):
    q = only(quotes_of(nlp, "The company lost $2 million last year, according to its annual report."))
    assert q.kind == "indirect"
    assert q.cue == "according to"
    assert q.speaker == "its annual report"
    assert q.text == "The company lost $2 million last year"


def test_inverted_attribution(nlp):
    q = only(quotes_of(nlp, "“We have done nothing wrong,” said Mr. Smith, the company’s chief executive."))
    assert q.cue == "said"
    # the mention as written, with its apposition; its core is the name
    assert q.speaker == "Mr. Smith, the company’s chief executive"
    assert q.speaker_role == "the company’s chief executive"


def test_speaker_core_offsets_point_at_the_name(nlp):
    body = "“We have done nothing wrong,” said Mr. Smith, the company’s chief executive, who founded it in 1998."
    doc = nlp(f"Company denies wrongdoing\n\n{body}")
    q = only(extract_quotes(ArticleIndex.build(doc)))
    assert doc.text[q.speaker_start : q.speaker_end] == "Smith"
    assert q.speaker == "Mr. Smith, the company’s chief executive, who founded it in 1998"


@pytest.mark.parametrize("body, speaker", [
    ("“The talks have stalled,” said officials briefed on the negotiations.", "officials briefed on the negotiations"),
    ("“We were never told,” said members who spoke with reporters afterward.", "members who spoke with reporters afterward"),
])
def test_speaker_keeps_the_clause_that_says_which_ones_spoke(nlp, body, speaker):
    q = only(quotes_of(nlp, body))
    assert q.speaker == speaker
    assert q.speaker_canonical != speaker  # the source is still the head noun's


def test_passive_frame_quoted_as_saying(nlp):
    q = only(quotes_of(nlp, "Smith was quoted as saying that the talks had collapsed on Monday night."))
    assert q.kind == "indirect"
    assert q.speaker == "Smith"
    assert q.text == "the talks had collapsed on Monday night"


def test_subject_of_a_passive_is_not_its_source(nlp):
    q = only(quotes_of(nlp, "Smith was accused of hiding the losses from his own board."))
    assert q.speaker is None


def test_being_named_is_reported_when_nobody_asks_for_anonymity(nlp):
    q = only(quotes_of(nlp, "Police said she would be named."))
    assert (q.kind, q.text, q.speaker) == ("indirect", "she would be named", "Police")


def test_a_person_a_passive_verb_acts_on_is_no_content_without_who_acted(nlp):
    quotes = quotes_of(nlp, "Sir Keir Starmer was challenged on the figures. The president was challenged too. "
                            "Trump was criticized by Senator Ben Sasse.")
    assert [(q.text, q.speaker) for q in quotes] == [("Trump", "Senator Ben Sasse")]


@pytest.mark.parametrize("sentence, reported, speaker", [
    ("Trump is expected to deliver a victory speech later tonight.", "Trump to deliver a victory speech later tonight", None),
    ("The donors appear to have ties to a Turkish movement.", "The donors to have ties to a Turkish movement", None),
    ("Sanders called on her to resign from her post.", "her to resign from her post", "Sanders"),
    ("Critics saw Beck's comments as part of his long opposition to Trump.", "Beck's comments as part of his long opposition to Trump", "Critics"),
])
def test_reported_predicate_keeps_the_subject_it_is_said_of(nlp, sentence, reported, speaker):
    q = only(quotes_of(nlp, sentence))
    assert (q.text, q.speaker) == (reported, speaker)
    headline = "Mayor pledges to rebuild flooded district\n\n"
    assert (headline + sentence)[q.start :].startswith(reported.split()[0])


@pytest.mark.parametrize("sentence, reported", [
    ("Clinton plans to run again.", "to run again"),  # the subject is the speaker
    # a relative pronoun stands for a phrase outside the clause: `who to run` would say nothing
    ("The mayor promised Monday to rebuild the bridge before winter.", "to rebuild the bridge before winter"),
    ("The senator, who is expected to run for governor, spoke to reporters on Monday.", "to run for governor"),
])
def test_speaker_date_or_relative_pronoun_before_an_infinitive_is_not_what_is_reported(nlp, sentence, reported):
    assert only(quotes_of(nlp, sentence)).text == reported


def test_quote_open_at_paragraph_end_goes_on_in_the_next(nlp):
    body = ("Smith said: “We will rebuild every house on this street.\n\n"
            "“Nobody will be left behind, whatever it costs the city.”")
    first, second = quotes_of(nlp, body)
    assert first.kind == second.kind == "direct"
    assert first.text == "We will rebuild every house on this street."
    assert second.text.startswith("Nobody will be left behind")
    assert (first.speaker, second.speaker) == ("Smith", "Smith")
    assert second.carried


def test_single_quotes_in_a_headline_are_a_quote(nlp):
    doc = nlp("Lavrov rejects cease-fire as ‘capitulating before terrorists’\n\nThe talks ended on Tuesday.")
    q = only(extract_quotes(ArticleIndex.build(doc)))
    assert q.in_headline
    assert q.text == "capitulating before terrorists"
    assert q.speaker == "Lavrov"


def test_apostrophes_are_not_closing_single_quotes(nlp):
    doc = nlp("Syria’s army says ‘the town’s fall is near’ as rebels’ lines break\n\nFighting went on.")
    q = only(extract_quotes(ArticleIndex.build(doc)))
    assert q.text == "the town’s fall is near"


def test_nested_single_quotes_stay_inside_the_double_quote(nlp):
    body = "“My father told me ‘never give up’ and I never have,” Smith said."
    q = only(quotes_of(nlp, body))
    assert q.text == "My father told me ‘never give up’ and I never have,"
    assert q.speaker == "Smith"


def test_a_per_cent_sign_ending_reported_speech_is_kept(nlp):
    q = only(quotes_of(nlp, "A spokesman said prices would rise by 11%."))
    assert q.text == "prices would rise by 11%"


def test_single_quotes_count_in_a_paragraph_without_double_ones(nlp):
    # wire copy in double marks beside the paper's own quotes in single ones
    body = ("Opposition leader Peter Dutton said the budget was “a disgrace”.\n\n"
            "He told Sky News: ‘This is a government that has lost its way.’")
    kinds = [(q.kind, q.text) for q in quotes_of(nlp, body)]
    assert kinds == [("mixed", "the budget was “a disgrace”"), ("direct", "This is a government that has lost its way.")]


def test_a_paragraph_wholly_in_single_quotes_beside_double_quoted_ones_is_a_subhead(nlp):
    body = "“We build a lot of stuff here,” he said.\n\n‘A healthy environment.’\n\nThe plant opened in 1990."
    assert [q.text for q in quotes_of(nlp, body)] == ["We build a lot of stuff here,"]


def test_an_elided_word_opens_no_single_quote(nlp):
    body = "“We will win,” Trump said.\n\n'Tis the season, the mayor said of the Smiths' lights and the rock 'n' roll."
    assert [q.text for q in quotes_of(nlp, body)] == ["We will win,", "Tis the season"]


def test_marked_spans_skip_apostrophes_in_single_quoted_text():
    text = "He called it ‘the ’90s all over again’ and left."
    spans = find_marked_spans(text, 0, len(text), 0, single=True)
    assert [text[s.start : s.end] for s in spans] == ["the ’90s all over again"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics attacked the so-called “deal” in parliament on Tuesday.",
        "The senator’s new book, “A Fighting Chance,” went on sale on Tuesday.",
        "The film “Gone With the Wind” was shown at the festival.",
        "In his 2002 book, ''Make Your Kid a Millionaire,'' the broker set out a plan for parents.",
        "Supporters wore hats bearing the slogan “Make America Great Again.”",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_a_title_noun_before_a_colon_introduces_a_quote_not_a_title(nlp):
    q = only(quotes_of(nlp, "The council published its report on Tuesday: “The bridge must close at once for repairs.”"))
    assert q.kind == "direct"
    assert q.text == "The bridge must close at once for repairs."


def test_quote_with_no_findable_speaker_is_kept_as_unknown(nlp):
    q = only(quotes_of(nlp, "“This is the end of an era for the whole town.”"))
    assert q.kind == "direct"
    assert q.speaker is None
    assert q.speaker_canonical == "unknown"


def test_cueless_quote_continues_the_previous_speaker(nlp):
    body = ("“We will rebuild every house,” Smith said on Tuesday.\n\n"
            "“Nobody will be left behind, whatever it costs.”")
    first, second = quotes_of(nlp, body)
    assert second.cue is None
    assert second.speaker == "Smith"
    assert second.carried


def test_cueless_quote_does_not_jump_over_another_speaker(nlp):
    body = ("“We will rebuild every house,” Smith said on Tuesday.\n\n"
            "Jones, the council leader, said the city had no money left for repairs.\n\n"
            "“Nobody has asked us what we need.”")
    quotes = quotes_of(nlp, body)
    assert [(q.kind, q.text, q.speaker, q.carried) for q in quotes] == [
        ("direct", "We will rebuild every house,", "Smith", False),
        ("indirect", "the city had no money left for repairs", "Jones, the council leader", False),
        ("direct", "Nobody has asked us what we need.", "Jones, the council leader", True),
    ]
    # carried from Jones's mention, the last speaker before it
    assert (quotes[2].speaker_start, quotes[2].speaker_end) == (quotes[1].speaker_start, quotes[1].speaker_end)


def test_cueless_quote_is_not_carried_over_a_paragraph_without_quotes(nlp):
    body = ("“We will rebuild every house,” Smith said on Tuesday.\n\n"
            "The storm destroyed more than 300 homes in the district last week.\n\n"
            "“Nobody has asked us what we need.”")
    last = quotes_of(nlp, body)[-1]
    assert last.speaker is None


def test_mixed_quote_covers_the_reported_content(nlp):
    q = only(quotes_of(nlp, "Smith said the plan was “dead on arrival” in the Senate."))
    assert q.kind == "mixed"
    assert q.text.startswith("the plan was")
    assert "dead on arrival" in q.text
    assert q.speaker == "Smith"


@pytest.mark.parametrize("body, opens", [
    ("Trump told his supporters on Tuesday that “we are going to win so much you will get tired of winning.”", "“we are going"),
    ("Sanders told reporters outside a polling station in Greenville that “to beat expectations would be helpful.”", "“to beat"),
    ("Trump said instead that “every word I said there is true and accurate.”", "“every word"),
])
def test_mixed_quote_leaves_out_whom_and_where_the_cue_addressed(nlp, body, opens):
    q = only(quotes_of(nlp, body))
    assert q.kind == "mixed"
    assert q.text.startswith(opens)


@pytest.mark.parametrize("body, opens", [
    ("Obama called on the United States “to redouble our efforts to defend our country.”", "on the United States"),
    ("She told him to leave his “playground for the posh” and visit the state.", "him to leave"),
    ("Trump urged his supporters at a Michigan rally to “go to your place and vote.”", "his supporters"),
    ("Trump tells his supporters at a Michigan rally to “go to your place and vote” and then “go pick some other place.”",
     "his supporters"),
    ("She told lies that “hurt everyone.”", "lies that"),
])
def test_mixed_quote_keeps_a_frame_word_the_fragment_is_said_of(nlp, body, opens):
    assert only(quotes_of(nlp, body)).text.startswith(opens)


def test_mixed_quote_made_of_its_fragment_alone_keeps_its_marks(nlp):
    body = 'Sanders tells reporters that "if there is a large turnout we will do fine. If it is low, that is another story."'
    q = only(quotes_of(nlp, body))
    assert q.kind == "mixed"
    assert q.text.startswith('"if there') and q.text.endswith('story."')


def test_reported_speech_with_a_nominal_frame(nlp):
    q = only(quotes_of(nlp, "The senator called for a ban on assault weapons after the shooting."))
    assert q.kind == "indirect"
    assert q.text.startswith("a ban on assault weapons")
    assert q.speaker == "The senator"


def test_dash_after_the_quote_signs_it(nlp):
    q = only(quotes_of(nlp, "“We need law and order, and we need it now.” ― Esther Tapia, 48, of Phoenix"))
    assert q.speaker == "Esther Tapia"
    assert q.kind == "direct"


def test_headline_label_names_the_speaker(nlp):
    doc = nlp("Sanders: Endorsements prove Clinton is the candidate of the establishment\n\nThe race goes on.")
    q = only(extract_quotes(ArticleIndex.build(doc)))
    assert q.in_headline
    assert (q.speaker, q.cue) == ("Sanders", ":")
    assert q.text.startswith("Endorsements prove Clinton")


def test_transcript_turns_name_their_speakers(nlp):
    body = ("WALLACE: Governor, will you release your tax returns before the election?\n\n"
            "PENCE: Well, look, we have said all along that we will release them at the right time.\n\n"
            "WALLACE: And when is the right time?")
    speakers = [q.speaker for q in quotes_of(nlp, body)]
    assert speakers == ["WALLACE", "PENCE", "WALLACE"]


def test_dateline_is_not_a_speaker_label(nlp):
    body = "GENEVA: Russian Foreign Minister Sergei Lavrov on Tuesday met his Turkish counterpart."
    assert quotes_of(nlp, body) == []
    # after the same dateline, the speaker is the one the sentence names
    body = "GENEVA: Russian Foreign Minister Sergei Lavrov said on Tuesday that talks had failed."
    assert [(q.kind, q.text, q.speaker, q.cue) for q in quotes_of(nlp, body)] == [
        ("indirect", "talks had failed", "Russian Foreign Minister Sergei Lavrov", "said"),
    ]


def test_dateline_is_not_a_speaker_label_before_a_transcript_turn(nlp):
    body = ("GENEVA: Russian Foreign Minister Sergei Lavrov on Tuesday met his Turkish counterpart.\n\n"
            "LAVROV: We have agreed on nothing yet.")
    assert [(q.text, q.speaker) for q in quotes_of(nlp, body)] == [("We have agreed on nothing yet.", "LAVROV")]


def test_paragraph_ending_in_a_colon_introduces_the_next_quote(nlp):
    body = ("The pollster turned to the numbers.\n\nCaddell continued:\n\n"
            "“The health issue is very much a partisan issue, but that does not account for these numbers.”")
    q = only(quotes_of(nlp, body), "direct")
    assert q.speaker == "Caddell"
    assert q.cue == "continued"


def test_cueless_quote_is_not_carried_past_someone_else_speaking(nlp):
    body = ("“We will rebuild every house,” Smith said on Tuesday.\n\n"
            "Jones disagreed sharply with the mayor. “Nobody has asked us what we need.”")
    quotes = [q for q in quotes_of(nlp, body) if q.kind == "direct"]
    # the sentence before the second quote says only that Jones spoke: it introduces the quote
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("We will rebuild every house,", "Smith", "said"),
        ("Nobody has asked us what we need.", "Jones", "disagreed"),
    ]


@pytest.mark.xfail(strict=True, reason="`disagreed with the mayor` is still read as reported speech whose content is `the mayor`")
def test_disagreeing_with_someone_reports_no_speech(nlp):
    body = "Jones disagreed sharply with the mayor. “Nobody has asked us what we need.”"
    assert [q.kind for q in quotes_of(nlp, body)] == ["direct"]


def test_claim_that_is_reported_speech_of_its_possessor(nlp):
    body = "Fact-checkers examined Trump’s claim that there have been thousands of shootings in Chicago this year."
    q = only(quotes_of(nlp, body))
    assert q.kind == "indirect"
    assert q.text.startswith("there have been thousands of shootings")
    assert q.speaker.startswith("Trump")
    assert q.cue == "claim"


def test_what_is_said_of_an_object_belongs_to_the_content(nlp):
    q = only(quotes_of(nlp, "The senator described the proposal as reckless and unworkable."))
    assert q.kind == "indirect"
    assert q.text == "the proposal as reckless and unworkable"
    assert q.speaker == "The senator"


def test_doubled_apostrophes_are_a_double_quote_mark(nlp):
    body = "''There's a lot of new complexity,'' said Mr. Burman, a tax expert. It's ''odd,'' he added."
    spans = find_marked_spans(body, 0, len(body), 1, single=False)
    assert [body[s.start : s.end] for s in spans] == ["There's a lot of new complexity,", "odd,"]
    q = quotes_of(nlp, body)[0]
    assert q.kind == "direct"
    assert q.text == "There's a lot of new complexity,"
    assert q.speaker.startswith("Mr. Burman")


@pytest.mark.parametrize("body, quoted, speaker", [
    ('"What does that mean? " Clinton asked. "We need a plan."', ["What does that mean?", "We need a plan."], "Clinton"),
    ("''I hate the term 'Manhattan poor,' '' she said. ''They weren't living large.''",
     ["I hate the term 'Manhattan poor,'", "They weren't living large."], "she"),
])
def test_a_straight_mark_with_a_space_after_it_closes_the_quote(nlp, body, quoted, speaker):
    spans = find_marked_spans(body, 0, len(body), 1, single=False)
    assert [body[s.start : s.end].strip() for s in spans] == quoted
    assert quotes_of(nlp, body)[0].speaker == speaker


def test_a_spaced_straight_mark_before_a_new_sentence_opens_the_next_quote():
    body = '"We will win, he said. " And we will keep winning."'
    spans = find_marked_spans(body, 0, len(body), 1, single=False)
    assert [body[s.start : s.end].strip() for s in spans] == ["We will win, he said.", "And we will keep winning."]


def test_speaker_is_never_taken_from_inside_the_quote(nlp):
    body = ("“I will just make this promise to you: We will achieve justice in this case,” "
            "Tulsa police Chief Chuck Jordan said Monday.")
    q = only(quotes_of(nlp, body))
    assert q.speaker != "We"
    assert "Jordan" in q.speaker


def test_quoted_transcript_turns_take_their_labels(nlp):
    body = ("Pence spoke to Fox News on Sunday. The exchange went as follows:\n\n"
            "\"WALLACE: Governor, will you release your tax returns before the election?\n\n"
            "\"PENCE: Well, look, we have said all along that we will release them at the right time.\n\n"
            "\"WALLACE: And when is the right time?")
    turns = [q for q in quotes_of(nlp, body) if q.paragraph > 1]
    assert [q.speaker for q in turns] == ["WALLACE", "PENCE", "WALLACE"]
    assert turns[1].text.startswith("Well, look")


def test_headline_label_is_the_speaker_of_the_quote_after_it(nlp):
    doc = nlp("A lesson from Loretta Lynch: 'Be the voice that people hear'\n\nThe attorney general spoke on Monday.")
    q = next(q for q in extract_quotes(ArticleIndex.build(doc)) if q.in_headline)
    assert q.speaker == "Loretta Lynch"


@pytest.mark.parametrize("headline, body, speaker", [
    ("Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’", "Donald Trump spoke at a university on Monday.", "Trump"),
    ("Reid: 'Never, ever, ever underestimate Trump.'", "Senate Minority Leader Harry Reid spoke on Monday.", "Reid"),
])
def test_headline_label_the_tagger_takes_for_a_noun_names_the_speaker_the_story_names(nlp, headline, body, speaker):
    doc = nlp(f"{headline}\n\n{body}")
    q = only([q for q in extract_quotes(ArticleIndex.build(doc)) if q.in_headline])
    assert (q.speaker, q.cue) == (speaker, ":")


def test_headline_label_the_story_does_not_name_stays_no_speaker(nlp):
    doc = nlp("Reid: 'Never, ever, ever underestimate Trump.'\n\nThe senator spoke on Monday.")
    assert only([q for q in extract_quotes(ArticleIndex.build(doc)) if q.in_headline]).speaker is None


def test_clause_reported_by_an_outer_frame_is_the_frames_source(nlp):
    body = ("But a campaign operative decided to change course to avoid treatment by doctors "
            "who could leak details to reporters, a source said.")
    q = only(quotes_of(nlp, body))
    assert q.speaker == "a source"
    assert q.text.startswith("But a campaign operative decided")


def test_fragment_quoted_inside_what_someone_said_is_theirs(nlp):
    body = "Clinton says it means Trump “may not have paid a dime” in federal income taxes for nearly two decades."
    q = only(quotes_of(nlp, body))
    assert q.kind == "mixed"
    assert q.speaker == "Clinton"


def test_frame_in_the_middle_of_the_clause_reports_both_sides(nlp):
    q = only(quotes_of(nlp, "The museum, Mr. Bush said, celebrated several of his heroes, including the musician Chuck Berry."))
    assert q.kind == "indirect"
    assert q.speaker == "Mr. Bush"
    assert q.text.startswith("The museum") and q.text.endswith("Chuck Berry")


def test_bare_frame_after_a_verbless_phrase_reports_it(nlp):
    q = only(quotes_of(nlp, "People like Scott, he said."))
    assert q.kind == "indirect"
    assert (q.text, q.speaker, q.cue) == ("People like Scott", "he", "said")


def test_frame_resumed_by_the_quote_belongs_to_both_passages(nlp):
    body = ("In an interview with a radio host, Ham made it clear he had major misgivings about the armed forces.\n\n"
            "“Now that I don’t have to be politically correct anymore,” he told the host, “it was demoralizing to work for Obama.”")
    q = only(quotes_of(nlp, body))
    assert q.speaker == "he"
    assert q.text.startswith("Now that I") and q.text.endswith("work for Obama.")


def test_verb_after_but_shares_the_subject_before_it(nlp):
    body = 'Mayor Jennifer Roberts said Friday that she thinks the video should be released but said "the question is the timing."'
    q = next(q for q in quotes_of(nlp, body) if q.text.startswith("the question"))
    assert q.speaker == "Mayor Jennifer Roberts"


def test_speaker_keeps_a_relative_clause_that_describes_them(nlp):
    q = only(quotes_of(nlp, "“There’s always resistance,” said Mr. Schmidt, who bought the property 10 years ago."))
    assert q.speaker == "Mr. Schmidt, who bought the property 10 years ago"


def test_name_read_as_a_compound_claims_what_follows(nlp):
    q = only(quotes_of(nlp, "But Trump claims that he should be the exception."))
    assert q.speaker == "Trump"


def test_clause_around_a_nickname_in_marks_is_reported_speech(nlp):
    body = "Giving a speech in Toledo, Clinton says the Ohio native nicknamed “King James” is a longtime, dedicated advocate for children."
    q = only(quotes_of(nlp, body))
    assert q.kind == "indirect"
    assert q.speaker == "Clinton"
    assert "King James" in q.text and q.text.endswith("advocate for children")


def test_content_after_the_cue_wins_over_a_clause_before_a_colon(nlp):
    body = ("The probe set off another round of fireworks on Friday: Republicans said they are increasingly convinced "
            "the Justice Department mishandled the investigation.")
    q = next(q for q in quotes_of(nlp, body) if q.cue == "said")
    assert q.speaker == "Republicans"
    assert q.text.startswith("they are increasingly convinced")


def test_reason_given_after_the_content_is_part_of_it(nlp):
    body = ("Rep. Trey Gowdy said that claim smacked of hypocrisy, because Democrats have been at the forefront "
            "of questioning the FBI's decisions.")
    q = only(quotes_of(nlp, body))
    assert q.text.endswith("the FBI's decisions")


def test_as_someone_put_it_attributes_the_quote(nlp):
    body = ("As Steven M. Rosenthal, a tax lawyer, recently put it, “Did Trump lower his taxes through legal tax avoidance, "
            "or illegal tax evasion?”")
    q = only(quotes_of(nlp, body))
    assert q.kind == "direct"
    assert "Rosenthal" in q.speaker
    assert q.cue == "put"


def test_said_before_a_name_at_sentence_start_names_the_speaker(nlp):
    body = ("Experts say her plans would make the code more complicated. "
            "Said Ellis: “I don’t get the sense she’s the least bit interested in tax reform.”")
    q = next(q for q in quotes_of(nlp, body) if q.kind == "direct")
    assert q.speaker is not None and "Ellis" in q.speaker


def test_participle_shares_the_subject_of_a_passive_main_clause(nlp):
    body = ("After saying her right foot was “so swollen I could barely get my shoe on,” she was "
            "“whisked … off to Bethesda Naval Hospital” for tests.")
    q = next(q for q in quotes_of(nlp, body) if q.cue == "saying")
    assert q.speaker == "she"


def test_time_phrase_before_the_reported_clause_keeps_it_reported(nlp):
    body = "Trump said after the convention he would not accept Cruz's endorsement if it were offered."
    q = only(quotes_of(nlp, body))
    assert q.cue == "said"
    assert q.speaker == "Trump"
    assert q.text.startswith("he would not accept")


def test_second_speech_verb_with_its_own_subject_ends_the_reported_clause(nlp):
    body = ("She said fathers and parents who adopt would not be eligible for the six weeks of paid leave, "
            "and when pressed on why the plan leaves out dads, the 34-year-old mother of three replied, "
            "\"It's meant to benefit the mother who has given birth to the child.\"")
    quotes = quotes_of(nlp, body)
    said = next(q for q in quotes if q.cue == "said")
    assert said.text.endswith("six weeks of paid leave")
    assert any(q.kind == "direct" and q.text.startswith("It's meant") for q in quotes)


def test_fragment_inside_an_earlier_reported_clause_belongs_to_its_verb(nlp):
    body = ("Secretary of State John F. Kerry said the United States would work with other Security Council "
            "members to take \"robust steps\" in response, and he urged North Korea to resume talks.")
    q = next(q for q in quotes_of(nlp, body) if q.kind == "mixed")
    assert q.cue == "said"
    assert "Kerry" in q.speaker


def test_according_to_after_a_speech_verb_names_who_reported_it(nlp):
    body = ("Police have said they have no immediate plans to release two recordings of the shooting, one captured "
            "by a police dashboard camera and another by a body camera worn by an officer at the scene, according "
            "to attorneys for the family.")
    q = only(quotes_of(nlp, body))
    assert q.cue == "according to"
    assert q.speaker is not None and "attorneys" in q.speaker


def test_programme_title_in_marks_after_the_cue_is_not_the_speaker(nlp):
    body = ("“He's absolutely right. There's a severe disconnect between this White House and frankly the president "
            "and our military,” Flynn, a top Trump surrogate, said Thursday morning on Fox News’s “Fox and Friends.”")
    q = next(q for q in quotes_of(nlp, body) if q.text.startswith("He's absolutely right"))
    assert q.speaker is not None and "Fox" not in q.speaker
    assert "surrogate" in q.speaker or "Flynn" in q.speaker


def test_statement_speaks_for_whoever_issued_it(nlp):
    body = ('Following an emergency meeting, the Security Council issued a statement calling the missile launch '
            '"a grave threat to regional peace."')
    q = only(quotes_of(nlp, body))
    assert q.cue == "calling"
    assert q.speaker == "the Security Council"


def test_participle_after_a_speech_frame_shares_its_speaker_whatever_the_parse(nlp):
    from spacy.tokens import Doc

    from medialens.quotes import speaker_token

    # the parser hung `suggesting` on the verb of the quoted question, whose subject is `you`
    words = ["Ortiz", "said", ",", "suggesting", "a", "question", ":", "do", "you", "think", "so", "?"]
    doc = Doc(
        nlp.vocab, words=words,
        heads=[1, 1, 1, 9, 5, 3, 9, 9, 9, 1, 9, 1],
        deps=["nsubj", "ROOT", "punct", "advcl", "det", "dobj", "punct", "aux", "nsubj", "ccomp", "advmod", "punct"],
        pos=["PROPN", "VERB", "PUNCT", "VERB", "DET", "NOUN", "PUNCT", "AUX", "PRON", "VERB", "ADV", "PUNCT"],
        tags=["NNP", "VBD", ",", "VBG", "DT", "NN", ":", "VBP", "PRP", "VB", "RB", "."],
        lemmas=["Ortiz", "say", ",", "suggest", "a", "question", ":", "do", "you", "think", "so", "?"],
    )
    assert speaker_token(ArticleIndex.build(doc), doc[3]).text == "Ortiz"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lawmakers are weighing a loophole that allows hedge fund managers to pay a lower rate than their secretaries.",
        "The money comes from a provision that requires insurers to cover pre-existing conditions.",
        "Users can turn to the app's safety feature, which allows people in a disaster zone to mark themselves safe.",
    ],
)
def test_clause_describing_a_thing_reports_nobody(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_speech_noun_before_a_colon_introduces_the_next_paragraph(nlp):
    body = 'On Monday, Senator Ruth Hale made the following comment:\n\n"No family should have to choose between rent and medicine."'
    q = only(quotes_of(nlp, body))
    assert q.kind == "direct"
    assert q.speaker == "Senator Ruth Hale"


def test_message_before_a_colon_introduces_the_quote_after_it(nlp):
    q = only(quotes_of(nlp, 'The mayor is taking a blunt message to voters this week: "Nobody is coming to save this city but us."'))
    assert q.text == "Nobody is coming to save this city but us."
    assert q.speaker == "The mayor"


@pytest.mark.parametrize("body, speaker, cue", [
    ('"We are still winning voters over every single day," Senator Hale told donors on Tuesday, '
     'according to a recording obtained by The Associated Press.', "Senator Hale", "told"),
    # a wire relaying an anonymous source: the source spoke, not the wire
    ('"The talks are at a critical stage," a senior diplomat said, according to Reuters.', "a senior diplomat", "said"),
])
def test_according_to_after_a_quotes_speech_verb_leaves_the_words_to_who_said_them(nlp, body, speaker, cue):
    q = only(quotes_of(nlp, body))
    assert (q.speaker, q.cue) == (speaker, cue)


def test_seems_judges_its_subject_without_making_it_a_source(nlp):
    q = only(quotes_of(nlp, "The governor seems to have vanished from the campaign trail since the primary."))
    assert q.cue == "seems"
    assert q.speaker is None


def test_appeared_to_suggest_still_reports_its_subject(nlp):
    q = only(quotes_of(nlp, "The senator appeared to suggest that the bill would be delayed until after the election."))
    assert q.speaker == "The senator"


def test_asked_participle_leaves_the_asker_unnamed(nlp):
    quotes = quotes_of(nlp, "Asked about the closure of the plant, Ortiz said the company had broken its promises to the town.")
    asked = only([q for q in quotes if q.cue == "Asked"])
    said = only([q for q in quotes if q.cue == "said"])
    assert asked.speaker is None
    assert said.speaker == "Ortiz"


@pytest.mark.parametrize(
    "sentence, finding, poll",
    [
        ("The governor held a 12-point lead over her Republican challenger in a Marist poll released on Monday.",
         "The governor held a 12-point lead over her Republican challenger", "a Marist poll released on Monday"),
        ("In a national survey by Quinnipiac University, likely voters ranked the economy as their top concern.",
         "likely voters ranked the economy as their top concern", "a national survey by Quinnipiac University"),
    ],
)
def test_finding_placed_in_a_poll_is_the_polls(nlp, sentence, finding, poll):
    q = only(quotes_of(nlp, sentence))
    assert (q.kind, q.text, q.cue.lower()) == ("indirect", finding, "in")
    assert q.speaker == poll


@pytest.mark.parametrize(
    "sentence",
    [
        "The losses mean the company may not have paid federal income taxes for nearly two decades.",
        "The council's options include sending peacekeepers to the border region.",
    ],
)
def test_what_a_fact_means_or_a_list_includes_is_nobodys_word(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_trailing_source_frame_reports_the_whole_sentence_whatever_the_parse(nlp):
    from spacy.tokens import Doc

    from medialens.quotes.reported import _reported_by_outer_frame

    # the parser made `added` a conjunct of `told` instead of the frame around it
    words = ["Clinton", "had", "told", "aides", "she", "would", "stay", ",", "but", "the", "party", "objected", ",",
             "the", "source", "added", "."]
    doc = Doc(
        nlp.vocab, words=words,
        heads=[2, 2, 2, 2, 6, 6, 2, 2, 2, 10, 11, 15, 15, 14, 15, 2, 15],
        deps=["nsubj", "aux", "ROOT", "dobj", "nsubj", "aux", "ccomp", "punct", "cc", "det", "nsubj", "ccomp", "punct",
              "det", "nsubj", "conj", "punct"],
        pos=["PROPN", "AUX", "VERB", "NOUN", "PRON", "AUX", "VERB", "PUNCT", "CCONJ", "DET", "NOUN", "VERB", "PUNCT",
             "DET", "NOUN", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "VBN", "NNS", "PRP", "MD", "VB", ",", "CC", "DT", "NN", "VBD", ",", "DT", "NN", "VBD", "."],
        lemmas=["Clinton", "have", "tell", "aide", "she", "would", "stay", ",", "but", "the", "party", "object", ",",
                "the", "source", "add", "."],
        sent_starts=[True] + [False] * 16,
    )
    assert _reported_by_outer_frame(ArticleIndex.build(doc), doc[2])


@pytest.mark.parametrize(
    "body, speaker",
    [
        ("“France will always be France,” an angry Hollande retaliated. “It never gives up.”", "an angry Hollande"),
        ("“You know, it happens, right?” Trump went on, as if he had not heard her.", "Trump"),
    ],
)
def test_any_verb_in_the_frame_position_after_a_quote_frames_it(nlp, body, speaker):
    q = quotes_of(nlp, body)[0]
    assert q.speaker == speaker
    assert q.cue is not None


def test_name_right_before_the_speech_verb_is_its_subject_whatever_the_parse(nlp):
    from spacy.tokens import Doc

    from medialens.quotes import speaker_token

    # the parser put `Bill Clinton` in apposition to the wife's name and left `said` subjectless
    words = ["Campaigning", "for", "his", "wife", "Hillary", "Clinton", ",", "former", "president", "Bill", "Clinton",
             "said", "she", "was", "ready", "."]
    doc = Doc(
        nlp.vocab, words=words,
        heads=[11, 0, 3, 1, 5, 3, 5, 8, 10, 10, 5, 11, 13, 11, 13, 11],
        deps=["advcl", "prep", "poss", "pobj", "compound", "appos", "punct", "amod", "compound", "compound", "appos",
              "ROOT", "nsubj", "ccomp", "acomp", "punct"],
        pos=["VERB", "ADP", "PRON", "NOUN", "PROPN", "PROPN", "PUNCT", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PRON",
             "AUX", "ADJ", "PUNCT"],
        tags=["VBG", "IN", "PRP$", "NN", "NNP", "NNP", ",", "JJ", "NN", "NNP", "NNP", "VBD", "PRP", "VBD", "JJ", "."],
        lemmas=["campaign", "for", "his", "wife", "Hillary", "Clinton", ",", "former", "president", "Bill", "Clinton",
                "say", "she", "be", "ready", "."],
        ents=["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
        sent_starts=[True] + [False] * 15,
    )
    assert speaker_token(ArticleIndex.build(doc), doc[11]).i == 10


def test_two_word_object_of_a_stance_is_reported_content(nlp):
    q = only(quotes_of(nlp, "On Tuesday, Senator Ruth Hale criticized the deal."))
    assert (q.kind, q.text, q.cue, q.speaker) == ("indirect", "the deal", "criticized", "Senator Ruth Hale")


@pytest.mark.parametrize("sentence", ["The governor hopes to win.", "The mayor mentioned 40 years."])
def test_two_word_infinitive_or_number_is_no_content(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


@pytest.mark.parametrize("body, speaker", [
    ("“We were wrong to wait so long,” Okafor, 58, told the BBC in an interview in Lagos.", "Okafor, 58"),
    ("“We were wrong to wait so long,” the engineer told reporters outside the town hall.", "the engineer"),
    ("“We were wrong to wait so long,” she told Sky News on Monday.", "she"),
    ("“We were wrong to wait so long,” Okafor said in an interview with the BBC.", "Okafor"),
])
def test_who_was_told_is_never_the_speaker(nlp, body, speaker):
    q = only(quotes_of(nlp, body), "direct")
    assert (q.text, q.speaker) == ("We were wrong to wait so long,", speaker)


def test_audience_of_a_participle_is_not_the_speaker(nlp):
    body = "The engineer spoke on Tuesday, telling reporters that the dam should have been rebuilt years ago."
    assert [(q.text, q.speaker) for q in quotes_of(nlp, body)] == [
        ("the dam should have been rebuilt years ago", "The engineer")]


def test_addressee_after_told_is_not_taken_when_the_parse_runs_the_quote_into_the_frame():
    # the parser reads `"We were wrong," Ramos, 58, told AFP` as `We were wrong and told AFP`,
    # with `Ramos` hung on the quoted verb: the speaker is the name before the cue, not `AFP`
    import spacy
    from spacy.tokens import Doc

    rows = [("“", 2, "punct", "PUNCT", "``"), ("We", 2, "nsubj", "PRON", "PRP"), ("were", 2, "ROOT", "AUX", "VBD"),
            ("wrong", 2, "acomp", "ADJ", "JJ"), (",", 2, "punct", "PUNCT", ","), ("”", 6, "punct", "PUNCT", "''"),
            ("Ramos", 2, "conj", "PROPN", "NNP"), (",", 6, "punct", "PUNCT", ","), ("58", 6, "appos", "NUM", "CD"),
            (",", 6, "punct", "PUNCT", ","), ("told", 2, "conj", "VERB", "VBD"), ("AFP", 10, "dobj", "PROPN", "NNP"),
            (".", 2, "punct", "PUNCT", ".")]
    words = [r[0] for r in rows]
    spaces = [w not in ("“",) and i + 1 < len(words) and words[i + 1] not in (",", ".", "”") for i, w in enumerate(words)]
    spaces[4] = False
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], tags=[r[4] for r in rows], lemmas=[w.lower().replace("told", "tell") for w in words])
    assert doc.text == "“We were wrong,” Ramos, 58, told AFP."
    q = only(extract_quotes(ArticleIndex.build(doc, headline=False)), "direct")
    assert (q.text, q.speaker, q.cue) == ("We were wrong,", "Ramos, 58", "told")


@pytest.mark.parametrize("body, speaker", [
    ("“We will rebuild every house,” the flood co-ordinator said.", "the flood co-ordinator"),
    ("“We will rebuild every house,” said the ex-minister.", "the ex-minister"),
    ("The vice-president said the district would be rebuilt by winter.", "The vice-president"),
    ("His ex-wife contended that the house had been sold without her consent.", "His ex-wife"),
])
def test_speaker_is_never_cut_inside_a_hyphenated_word(nlp, body, speaker):
    headline = "Mayor pledges to rebuild flooded district\n\n"
    (q,) = quotes_of(nlp, body)
    assert q.speaker == speaker
    assert (headline + body)[q.speaker_start : q.speaker_end] == speaker


@pytest.mark.parametrize("body, speaker", [
    ("WASHINGTON (AP) — Mayor Ann Okafor and council leader Tom Reid pledged to rebuild every flooded house.",
     "Mayor Ann Okafor and council leader Tom Reid"),
    ("Leeds (AFP) – Mayor Ann Okafor has taken a swipe at the government, saying that its flood money came too late.",
     "Mayor Ann Okafor"),
    ("LONDON, May 3 (Reuters) - Mayor Ann Okafor said on Tuesday that every flooded house would be rebuilt.",
     "Mayor Ann Okafor"),
    ("May 3 (Reuters) - Flood officer Tom Reid said on Tuesday that the river would rise again.", "Flood officer Tom Reid"),
])
def test_wire_credit_and_dateline_are_never_the_speaker(nlp, body, speaker):
    quotes = quotes_of(nlp, body)
    assert quotes and {q.speaker for q in quotes} == {speaker}


@pytest.mark.parametrize("body, speaker, text", [
    ("Councillor Tom Reid rejected the notion that the flood was a one-off, saying that if the river rose again the town would be lost.",
     "Councillor Tom Reid", "if the river rose again the town would be lost"),
    ("Okafor has battled with the council over the budget, at one point calling the treasurer a \"liar\" who could not be trusted.",
     "Okafor", "the treasurer a \"liar\" who could not be trusted"),
])
def test_participle_after_a_comma_shares_the_subject_of_its_clause(nlp, body, speaker, text):
    q = next(q for q in quotes_of(nlp, body) if q.cue in ("saying", "calling"))
    assert (q.speaker, q.text) == (speaker, text)


def test_participle_between_two_quotes_goes_on_with_the_first_speaker(nlp):
    body = ("Okafor told the paper that “without the barrier, the whole district would have gone under,” adding, "
            "“I think maybe 1,500 homes were saved.”")
    q = next(q for q in quotes_of(nlp, body) if q.cue == "adding")
    assert (q.text, q.speaker) == ("I think maybe 1,500 homes were saved.", "Okafor")


def test_quote_on_a_sign_is_not_carried_to_the_previous_speaker(nlp):
    body = ("“We will rebuild every house,” Okafor said.\n\n"
            "Outside, residents held up signs saying “Rebuild the barrier first”.")
    q = next(q for q in quotes_of(nlp, body) if q.text.startswith("Rebuild"))
    assert q.speaker is None


def test_speaker_keeps_the_marks_of_a_title_it_opens_with(nlp):
    (q,) = quotes_of(nlp, "“Daily Show” host Trevor Noah said on Monday that the flood money had come too late.")
    assert q.speaker == "“Daily Show” host Trevor Noah"


@pytest.mark.parametrize("body, speakers", [
    ("Managers reacted to the weekend's results.\n\n"
     "- Brentford boss Martin Allen: “We were the better side for most of the game.”\n\n"
     "- Leeds manager Tom Reid: “It was a fair result in the end.”",
     ["Brentford boss Martin Allen", "Leeds manager Tom Reid"]),
    ("What the papers said about the flood.\n\n"
     "Tom Reid, The Guardian: “The council should have acted years ago.”\n\n"
     "Ann Okafor, Daily Mail: “Nobody could have stopped this river.”",
     ["Tom Reid", "Ann Okafor"]),
    ("Reaction poured in from the region.\n\nAnd from the mayor, Ann Okafor:\n\n“We will rebuild every house in this district.”",
     ["the mayor, Ann Okafor"]),
])
def test_label_and_colon_before_a_quote_name_its_speaker(nlp, body, speakers):
    quotes = [q for q in quotes_of(nlp, body) if q.kind == "direct"]
    assert [(q.speaker, q.cue) for q in quotes] == [(s, ":") for s in speakers]


@pytest.mark.parametrize("body", [
    "“The council should have acted years ago.” -Commissioner Geoffrey Starks",
    "Readers wrote in about the flood.\n\n“The council should have acted years ago.”\n\n-Commissioner Geoffrey Starks",
])
def test_hyphen_signature_after_the_quote_or_on_its_own_line_signs_it(nlp, body):
    q = only(quotes_of(nlp, body), "direct")
    assert (q.text, q.speaker) == ("The council should have acted years ago.", "Commissioner Geoffrey Starks")


@pytest.mark.parametrize("body", [
    "Ms Hewitt said: “We have to get the trains running again.”\n\n"
    "“Passengers have waited long enough.” Mr Brown added: “The money is there, and it will be spent.”",
    "Ms Hewitt said: “We have to get the trains running again.”\n\n“Passengers have waited long enough.”\n\n"
    "Mr Brown added: “The money is there, and it will be spent.”",
])
def test_colon_introduction_ends_the_run_of_the_speaker_before_it(nlp, body):
    quotes = [q for q in quotes_of(nlp, body) if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We have to get the trains running again.", "Ms Hewitt"),
        ("Passengers have waited long enough.", "Ms Hewitt"),
        ("The money is there, and it will be spent.", "Mr Brown"),
    ]


def test_colon_introduction_after_a_quote_is_not_its_attribution(nlp):
    body = "Ms Hewitt said: “We have to get the trains running again.” Mr Brown added: “The money is there.”"
    quotes = [q for q in quotes_of(nlp, body) if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We have to get the trains running again.", "Ms Hewitt"), ("The money is there.", "Mr Brown")]


def test_name_the_parser_hangs_on_the_dateline_is_the_speaker(nlp):
    body = ("New York (AFP) – Vice President Ann Okafor on Monday hit the campaign trail with the mayor for the first time, "
            "accusing the government of ignoring the district.")
    q = next(q for q in quotes_of(nlp, body) if q.cue == "accusing")
    assert (q.speaker, q.text) == ("Vice President Ann Okafor", "the government of ignoring the district")


def test_hyphenated_name_of_a_body_is_no_dateline():
    from medialens.quotes.datelines import after_dateline

    assert after_dateline("AFL-CIO President Richard Trumka") == "AFL-CIO President Richard Trumka"
    assert after_dateline("JERUSALEM - Israeli Prime Minister") == "Israeli Prime Minister"


def test_speaker_phrase_keeps_no_mark_of_a_quote_it_was_parsed_with():
    import spacy
    from spacy.tokens import Doc

    from medialens.quotes.mentions import _head_phrase

    # `“We lost,” councillor Tom Reid said` with the closing mark and the opening one of the
    # quote before it hung on the speaker
    words = ["“", "”", "councillor", "Tom", "Reid", "said"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False, True, True, True, True, False],
              heads=[4, 4, 4, 4, 5, 5], deps=["punct", "punct", "compound", "compound", "nsubj", "ROOT"],
              pos=["PUNCT", "PUNCT", "NOUN", "PROPN", "PROPN", "VERB"])
    assert _head_phrase(doc[4]).text == "councillor Tom Reid"


def test_signature_leaves_out_the_full_stop_after_the_name(nlp):
    q = only(quotes_of(nlp, "“We are worried about the future of this district.” - Ann Okafor."), "direct")
    assert q.speaker == "Ann Okafor"


@pytest.mark.parametrize("body", [
    "“We will rebuild every house in this district,” Okafor said, adding: “Nobody will be left behind.”",
    "“We will rebuild every house in this district,” Okafor said as a heckler yelled: “Liar!”",
])
def test_quote_before_a_frame_whose_second_verb_introduces_the_next_quote_keeps_its_cue(nlp, body):
    q = next(q for q in quotes_of(nlp, body) if q.text.startswith("We will rebuild"))
    assert (q.speaker, q.cue) == ("Okafor", "said")


def test_a_lone_dash_the_parser_makes_a_head_is_its_own_word_head():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from medialens.quotes.words import word_head

    doc = Doc(Vocab(), words=["Mayor", "-", "said", "so"])
    assert word_head(doc[1]).i == 1
    assert word_head(doc[0]).i == 0


@pytest.mark.parametrize("body, text, speaker", [
    ("Turkey's state news agency Anadolu quoted Erdogan as saying that the offensive would go on.",
     "the offensive would go on", "Erdogan"),
    ("Reuters quoted a senior official as saying the talks had failed.", "the talks had failed", "a senior official"),
    ("The Interfax agency quoted Lavrov as saying: \u201cWe will not accept this.\u201d", "We will not accept this.", "Lavrov"),
])
def test_an_outlet_quoting_someone_as_saying_passes_on_their_words(nlp, body, text, speaker):
    (q,) = quotes_of(nlp, body)
    assert (q.text, q.speaker, q.cue) == (text, speaker, "saying")


def test_an_outlet_that_reports_in_its_own_words_is_its_own_source(nlp):
    (q,) = quotes_of(nlp, "Reuters reported that the talks had failed.")
    assert (q.text, q.speaker) == ("the talks had failed", "Reuters")


@pytest.mark.parametrize("place", ["GENEVA", "PARIS, France"])
def test_a_place_and_colon_opening_the_story_are_no_part_of_the_speaker(nlp, place):
    q = only(quotes_of(nlp, f"{place}: Foreign Minister Anna Keller said on Tuesday that the talks would resume in May."))
    assert q.speaker == "Foreign Minister Anna Keller"


@pytest.mark.parametrize("body", [
    "“The talks have stalled,” said voters who said they were angry.",
    "“The talks have stalled,” said officials who called the plan “a disaster” on Monday.",
])
def test_speaker_leaves_out_a_clause_that_attributes_or_quotes(nlp, body):
    q = quotes_of(nlp, body)[0]
    assert q.text == "The talks have stalled,"
    assert q.speaker in ("voters", "officials")
