"""How the frame around a quote is read when the parse of newswire goes wrong: an inverted
attribution taken for an object, a participle inside a noun phrase, a quote hung on the
speaker's title, a frame in the next sentence, a quote that runs into the next one."""
import pytest

from test_quotes import only, quotes_of


@pytest.mark.parametrize("body, speaker", [
    ("“It’s Bernie’s to lose at this point,” added another New Hampshire Democrat. “The Clinton team has done what it can.”",
     "another New Hampshire Democrat"),
    ('"We have to wait for the moment," recalled Mr. Rhodes.', "Mr. Rhodes"),
    ("“How big is that wall?” asked the boy, who was wearing a hat.", "the boy, who was wearing a hat"),
])
def test_inverted_frame_after_the_quote_names_its_speaker_when_parsed_as_an_object(nlp, body, speaker):
    q = quotes_of(nlp, body)[0]
    assert q.kind == "direct" and q.speaker == speaker


@pytest.mark.parametrize("body, speaker", [
    ('The company called the allegations "baseless," denied any wrongdoing and hired a law firm.', "The company"),
    ('Protesters called the verdict "a travesty of justice," demanded a retrial and marched on the court.', "Protesters"),
])
def test_verb_going_on_a_sentence_begun_before_the_quote_keeps_its_subject(nlp, body, speaker):
    assert only(quotes_of(nlp, body)).speaker == speaker


def test_quote_after_a_question_is_not_the_askers_introduction(nlp):
    body = "Reporters asked Smith about the vote on Monday. “Absolutely not.”"
    assert only(quotes_of(nlp, body), "direct").cue is None


def test_noun_phrase_after_the_verb_that_closes_a_quote_is_its_speaker_not_its_content(nlp):
    body = ('"We don\'t have freedom of opinion anymore. #Cologne," tweeted a German user from Hanover '
            "going by the handle Pulvermann.")
    q = only(quotes_of(nlp, body))
    assert (q.kind, q.cue, q.speaker) == ("direct", "tweeted", "a German user from Hanover going by the handle Pulvermann")


def test_subject_before_a_quoted_title_stays_the_speaker(nlp):
    q = only(quotes_of(nlp, "Washington, star of television’s “Scandal,” thanked Obama for signing the order."), "indirect")
    assert q.speaker.startswith("Washington") and "Obama" in q.text


def test_speaker_mention_ends_without_the_conjunction_of_a_clause_left_out(nlp):
    body = "“How big is that wall?” asked the boy, who was wearing a hat and said his name was Mason, as the crowd cheered."
    assert only(quotes_of(nlp, body), "direct").speaker == "the boy, who was wearing a hat"


def test_participle_describing_a_noun_is_not_the_frame(nlp):
    q = only(quotes_of(nlp, "Trump told the Washington Post in a written statement, “I really don’t want Jeb’s endorsement.”"))
    assert q.cue.startswith("told") and q.speaker == "Trump"


def test_mixed_quote_ends_before_the_next_quote_it_runs_into(nlp):
    body = ("Trump said that Mitt Romney “had a crazy policy of self-deportation which was maniacal,” adding, "
            "“He lost all of the Latino vote.”")
    quotes = quotes_of(nlp, body)
    mixed = only(quotes, "mixed")
    assert mixed.text.endswith("maniacal,”")
    assert all(q.start >= mixed.end or q.end <= mixed.start for q in quotes if q is not mixed)
    # the participle after the fragment's closing mark goes on with who reported it
    assert only(quotes, "direct").speaker == "Trump"


def test_fragment_closing_the_sentence_of_a_mixed_quote_is_no_quote_of_its_own(nlp):
    body = "Clinton said Americans are “right to be angry,” but also hungry for what she calls “real solutions.”"
    q = only(quotes_of(nlp, body))
    assert q.kind == "mixed" and "real solutions" in q.text


def test_speaker_goes_on_past_a_question_put_to_them(nlp):
    body = ("“It was very nice,” the gambling tycoon told Reuters in a rare interview in Macau when asked if he had "
            "met Trump, who leads in opinion polls. “He was very charming.”")
    second = [q for q in quotes_of(nlp, body) if q.kind == "direct"][1]
    assert second.text == "He was very charming." and second.speaker == "the gambling tycoon"


def test_sentence_saying_only_who_spoke_introduces_the_quote_after_it(nlp):
    body = ("Sam Lau, the communications director for the Iowa Democratic Party said in a statement. "
            "“There are no paper ballots to recount.”")
    q = only(quotes_of(nlp, body))
    assert q.speaker == "Sam Lau, the communications director for the Iowa Democratic Party"


def test_sentence_without_a_speech_verb_introduces_nothing(nlp):
    body = "The mayor toured the flooded district on Monday. “We will rebuild.”"
    assert only(quotes_of(nlp, body), "direct").speaker is None


def test_frame_of_a_quote_before_introduces_nothing_more(nlp):
    body = ("''Universal dismissal of Trump and Sanders. Underestimation of Cruz,'' Robert Shrum, a veteran Democratic "
            "strategist, said, naming a few. ''Clinton remains the clear favorite, but there is a liberal insurgency.''")
    second = quotes_of(nlp, body)[1]
    assert second.text.startswith("Clinton remains") and second.speaker == "Robert Shrum, a veteran Democratic strategist"


def test_quote_the_parser_hangs_on_the_speakers_title_is_no_part_of_the_speaker(nlp):
    body = "“It’s unanimous,” councilmember Mark Levine said of the council’s support for the plan."
    assert only(quotes_of(nlp, body), "direct").speaker == "councilmember Mark Levine"


def test_frame_before_the_quote_wins_over_a_cue_in_the_next_sentence(nlp):
    body = ('More than a dozen leaders were defeated at the polls. Htay Oo, its acting chairman, told the Reuters '
            'news agency simply, "We lost." T-shirts quickly appeared in front of NLD headquarters that said "We won."')
    q = next(q for q in quotes_of(nlp, body) if q.text == "We lost.")
    assert q.cue.startswith("told") and q.speaker.startswith("Htay Oo")


def test_fragment_deep_inside_a_reported_clause_is_the_outer_speakers(nlp):
    body = ("Senator Chris Murphy of Connecticut, who campaigned alongside Mrs. Clinton in his state, said she must "
            "focus on how best to connect to a broader electorate that is in what he called a ''revolutionary mood.''")
    q = only(quotes_of(nlp, body))
    assert q.kind == "mixed" and q.text.startswith("she must focus") and q.speaker.startswith("Senator Chris Murphy")


@pytest.mark.parametrize("body", [
    'To top it off, "Chi-Raq," a movie about Chicago violence directed by Spike Lee, opened on Friday.',
    'Congregants pass around copies of his memoir, "Gifted Hands," and watch the biopic.',
    "The actor, who also stars in the Netflix thriller, “Bloodline,” returns to the stage.",
])
def test_a_title_in_quote_marks_is_no_quote(nlp, body):
    assert [q for q in quotes_of(nlp, body) if q.kind != "indirect"] == []


@pytest.mark.parametrize("body, speaker", [
    # British style: single marks, `Mr` without a point; the parser makes Johnson the subject
    # of the next quote's verb
    ("'We will not back down,' said Mr Johnson, before adding: 'This is our moment.'", "Mr Johnson"),
    # the parser reads the name and what follows as the clause `said` reports
    ("''I'm more skilled with my hands than with my brain,'' said Robin Maynard, half joking. "
     "He holds two degrees and has worked at the plant for 24 years.", "Robin Maynard"),
])
def test_name_after_an_inverted_cue_is_the_speaker_when_the_parser_hangs_it_elsewhere(nlp, body, speaker):
    first = quotes_of(nlp, body)[0]
    assert (first.kind, first.cue, first.speaker) == ("direct", "said", speaker)


def test_name_after_an_inverted_cue_is_not_reported_speech_of_its_own(nlp):
    body = ("''I'm more skilled with my hands than with my brain,'' said Robin Maynard, half joking. "
            "He holds two degrees and has worked at the plant for 24 years.")
    assert [q.kind for q in quotes_of(nlp, body)] == ["direct"]


def test_plural_present_after_a_quote_names_its_speakers(nlp):
    q = only(quotes_of(nlp, '"We love cats!" reply Burton and Nick.'))
    assert (q.cue, q.speaker) == ("reply", "Burton and Nick")


def test_mixed_quote_ending_with_its_fragment_keeps_the_closing_mark(nlp):
    body = 'Ms Truss said she would act, adding that the plan would "get Britain moving".'
    assert only(quotes_of(nlp, body), "mixed").text == 'the plan would "get Britain moving"'


def test_asked_participle_tagged_as_a_past_tense_still_leaves_the_asker_unnamed(nlp):
    quotes = quotes_of(nlp, 'Asked whether he would resign, Mr Albanese replied: "Absolutely not."')
    assert only(quotes, "indirect").speaker is None
    assert only(quotes, "direct").speaker == "Mr Albanese"


def test_name_closing_an_apposition_before_the_cue_is_the_speaker(nlp):
    body = ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton "
            "believes that transatlantic cooperation is essential.”")
    assert only(quotes_of(nlp, body)).speaker == "Jake Sullivan"


@pytest.mark.parametrize("connective", ["That said", "That being said"])
def test_that_said_opening_a_sentence_reports_nobody(nlp, connective):
    body = f"{connective}, Millennials say they believe success will require a lifetime of effort."
    q = only(quotes_of(nlp, body))
    assert (q.cue, q.speaker, q.text) == ("say", "Millennials", "they believe success will require a lifetime of effort")


@pytest.mark.parametrize("quote", ["Enough is enough,", "Stop the war,"])
def test_noun_after_the_verb_framing_a_quote_is_not_what_it_reports(nlp, quote):
    q = only(quotes_of(nlp, f'"{quote}" protesters chanted outside parliament.'))
    assert (q.kind, q.cue, q.speaker) == ("direct", "chanted", "protesters")


def test_verb_after_a_title_in_marks_reports_what_it_says(nlp):
    quotes = quotes_of(nlp, '"Latin History for Dummies," the actor discussed the absence of Latinos in history books.')
    assert only(quotes, "indirect").text == "the absence of Latinos in history books"


def test_whom_an_outlet_is_quoted_by_passes_the_words_on(nlp):
    body = 'The Kremlin spokesman, Dmitry Peskov, was quoted by the Interfax news agency as saying that Moscow "had no choice".'
    assert only(quotes_of(nlp, body)).speaker == "The Kremlin spokesman, Dmitry Peskov"


def test_of_two_subjects_the_parser_gives_a_cue_the_one_beside_it_speaks(nlp):
    q = only(quotes_of(nlp, 'In a post on X, formerly Twitter, the president wrote: "We will not be intimidated."'))
    assert q.speaker == "the president"
