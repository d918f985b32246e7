from pathlib import Path

import pytest

from mapper.extract.casualties import casualties_of, merge_casualties, read_casualties, read_figures
from mapper.models import Casualties

DATA = Path(__file__).parent / "data" / "extract" / "casualties.tsv"


def _cases():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentence, killed, wounded = line.split("\t")
            yield pytest.param(
                sentence, int(killed), None if wounded == "-" else int(wounded), id=sentence[:40]
            )


@pytest.mark.parametrize(("sentence", "killed", "wounded"), list(_cases()))
def test_sentence_figures(sentence, killed, wounded):
    c = read_casualties(sentence)
    assert c.killed == killed
    assert c.wounded == wounded


def test_groups_are_kept_apart():
    c = read_casualties("Two policemen and three militants were killed, and four civilians died.")
    assert (c.deaths_a, c.deaths_b, c.deaths_civilians) == (2, 3, 4)
    assert c.killed == 9


def test_ranges_keep_a_high_figure():
    c = read_casualties("Between 10 and 15 people were killed in the blast.")
    assert c.killed == 10
    assert c.killed_high == 15
    c = read_casualties("The attack killed 10 to 15 people.")
    assert (c.killed, c.killed_high) == (10, 15)


def test_figures_carry_offsets():
    sentence = "The blast killed 7 workers."
    (fig,) = read_figures(sentence)
    assert fig.kind == "killed"
    assert sentence[fig.start : fig.end] == "7 workers"


def test_restated_figures_are_not_added_twice():
    c = casualties_of(["Militants killed two soldiers.", "The army confirmed two soldiers died."])
    assert c.killed == 2


def test_others_add_and_inclusive_totals_do_not():
    assert casualties_of(["Troops killed 30 militants.", "Nine other people died."]).killed == 39
    assert (
        casualties_of(["At least 25 people died.", "Five dead fighters were found."]).killed == 25
    )


def test_merge_casualties_objects():
    parts = [
        Casualties(killed=3, deaths_a=3, stated=True),
        Casualties(killed=2, deaths_b=2, wounded=4, stated=True),
        Casualties(),
    ]
    merged = merge_casualties(parts)
    assert merged.killed == 5
    assert merged.wounded == 4
    assert merge_casualties([]) == Casualties()


def test_nothing_stated():
    c = read_casualties("The governor visited the market on Tuesday.")
    assert not c.stated
    assert c.killed == 0 and c.wounded is None


def test_who_tells_the_toll_is_not_one_more_victim():
    text = "The bomb killed four people and wounded 11 others, a police officer said."
    assert (read_casualties(text).killed, read_casualties(text).wounded) == (4, 11)
    text = "The bomb wounded 11 civilians, a police officer and two soldiers."
    assert read_casualties(text).wounded == 14


def test_a_death_toll_that_rose_far_from_its_noun():
    text = (
        "The death toll from the truck bomb that hit a busy market in the south of the "
        "city on Monday has risen to 14, a hospital official said."
    )
    assert read_casualties(text).killed == 14


def test_a_later_death_raising_the_toll():
    first = "Two soldiers were killed and three wounded when militants attacked their post."
    later = "A third soldier died of his wounds on Monday, raising the toll to three."
    assert casualties_of([first, later]).killed == 3


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("A drone dropped a bomb on a patrol, wounding three of them.", 0, 3),
        ("Police shot both attackers before they could reach the gate.", 0, None),
        ("Police killed both attackers before they could reach the gate.", 2, None),
    ],
)
def test_of_them_and_both(text, killed, wounded):
    c = read_casualties(text)
    assert (c.killed, c.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead Karim al-Saadi outside his shop on Sunday.",
        "Unknown gunmen assassinated activist Salah Hamid in the city.",
        "Karim al-Saadi was shot dead outside his shop.",
    ],
)
def test_one_named_person_killed_is_one_dead(text):
    assert read_casualties(text).killed == 1


def test_a_named_group_killed_is_no_person():
    assert read_casualties("Troops killed Islamic State militants near the river.").killed != 1


def test_a_killing_protested_is_not_this_event_s_toll():
    assert (
        read_casualties("Hundreds protested on Friday against the killing of a doctor.").killed == 0
    )


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A body bearing gunshot wounds was found near the river on Saturday.", 1),
        ("The raid killed the financier and two other militants.", 3),
        ("They were repelled after a battle in which six militants and two defenders died.", 8),
    ],
)
def test_one_body_and_roles_as_people(text, killed):
    assert read_casualties(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a group's acronym in brackets between the victims and the verb
        ("Three fighters of the Popular Mobilization Forces (PMF) were killed at dawn.", 3),
        ("Two members of the Kurdistan Workers' Party (PKK) died in the strike.", 2),
        # a long name between "the death toll from" and "has risen"
        (
            "The death toll from Tuesday's rocket attack on the offices of the Kurdistan "
            "Democratic Party of Iran (KDPI) in the hills outside Koya has risen to 11.",
            11,
        ),
        # the day of the month is no count of the dead
        ("On 9 April four shepherds were killed when a mine went off.", 4),
        ("On April 9 four shepherds were killed when a mine went off.", 4),
        ("On the 9th of April four shepherds were killed by a mine.", 4),
        # an official statement's figures in brackets
        ("The operation resulted in killing (14) terrorists and wounding (3) others.", 14),
    ],
)
def test_brackets_and_dates_around_a_toll(text, killed):
    assert read_casualties(text).killed == killed


def test_the_dead_buried_in_a_relative_clause_are_counted():
    text = "Mourners buried four farmers who were killed when a mine went off on their land."
    assert read_casualties(text).killed == 4


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Four men collecting firewood were killed by a mine.", 4),
        ("Five soldiers and allied tribesmen were killed in the assault.", 5),
        ("Three members of a local armed group were killed near the dam.", 3),
        # ... but not a number that opens a phrase of its own
        ("Two of the gunmen blew themselves up while the other two were shot dead.", 2),
    ],
)
def test_the_rest_of_a_counted_phrase_before_its_verb(text, killed):
    assert read_casualties(text).killed == killed
