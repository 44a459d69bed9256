"""A generated corpus of plain-text articles in the PolNeAR file layout
(`outlet_YYYY-MM-DD_slug-N.txt`): a headline line, then paragraphs of direct and reported
speech by named people, officials and bodies, several outlets and dates. Speakers' names never
appear in quotes or headlines, so a search for a name finds that speaker's quotes only."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["herald", "courier", "gazette", "tribune", "observer"]
SPEAKERS = [
    ("Mayor", "Anna Kowalski"), ("Councillor", "Brian Okafor"), ("Professor", "Chen Wei"),
    ("Senator", "Dolores Ramirez"), ("Inspector", "Erik Lindqvist"), ("Judge", "Fatima Haddad"),
    ("Minister", "Gareth Pryce"), ("Doctor", "Hana Novak"), ("Governor", "Ivan Petrov"),
    ("Commissioner", "Julia Moreau"), ("Director", "Kofi Mensah"), ("Chairman", "Lars Eriksen"),
]
TOPICS = ["bridge", "library", "harbour", "tram line", "school", "hospital wing", "park", "market hall"]
START = date(2016, 9, 1)


def article_text(n: int) -> tuple[str, str]:
    """The slug and text of article `n`: three named speakers (distinct, chosen by `n`), one
    anonymous official and a body."""
    topic = TOPICS[n % len(TOPICS)]
    people = [SPEAKERS[(n + k * 5) % len(SPEAKERS)] for k in range(3)]
    (role1, name1), (role2, name2), (role3, name3) = people
    paragraphs = [
        f"\u201cWe will build the {topic} before winter number {n},\u201d said {role1} {name1}.",
        f"{name1.split()[-1]} said the council would vote on the {topic} plan {n} next week.",
        f"\u201cThe cost of plan {n} is far too high for the district,\u201d {role2} {name2} told reporters.",
        f"\u201cNobody asked the residents about item {n},\u201d said {role3} {name3}.",
        f"\u201cThe figures for scheme {n} do not add up,\u201d a city official said.",
        f"The transport ministry said the works on site {n} would start in spring.",
    ]
    headline = f"Council weighs the {topic} plan, round {n}"
    return f"{topic.replace(' ', '-')}-{n}", headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: str | Path, articles: int = 100) -> Path:
    """Write `articles` articles into `folder` (created), spread over the outlets and a month
    of dates; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        slug, text = article_text(n)
        day = START + timedelta(days=n % 30)
        (folder / f"{OUTLETS[n % len(OUTLETS)]}_{day.isoformat()}_{slug}.txt").write_text(text, encoding="utf-8")
    return folder
