import datetime as dt

import pytest

from mapper.extract.dates import published_from_text, read_date

PUB = dt.date(2017, 5, 13)  # a Saturday


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Militants attacked the post on Friday.", dt.date(2017, 5, 12), 1),
        ("The attack began late on Wednesday night.", dt.date(2017, 5, 10), 1),
        ("Gunmen struck overnight.", dt.date(2017, 5, 12), 1),
        ("A bomb went off yesterday.", dt.date(2017, 5, 12), 1),
        ("Clashes erupted today near the bridge.", PUB, 1),
        ("The bodies were found on 2 May.", dt.date(2017, 5, 2), 1),
        ("The bodies were found on May 2.", dt.date(2017, 5, 2), 1),
        ("The strike took place on Dec. 30.", dt.date(2016, 12, 30), 1),
        ("On 3 March 2015 the town fell.", dt.date(2015, 3, 3), 1),
        ("Fighting on 2016-10-21 left many dead.", dt.date(2016, 10, 21), 1),
        ("Two days ago gunmen shot a farmer.", dt.date(2017, 5, 11), 1),
        ("Four days earlier, a bomb hit the market.", dt.date(2017, 5, 9), 1),
    ],
)
def test_days(text, day, precision):
    reading = read_date(text, published=PUB)
    assert reading is not None
    assert reading.day == day
    assert reading.precision == precision
    assert reading.start is not None and reading.end is not None
    assert reading.start <= day <= reading.end


def test_last_week_is_a_range():
    reading = read_date("Troops cleared the village last week.", published=PUB)
    assert reading is not None
    assert reading.day is None
    assert reading.precision == 2
    assert reading.start == dt.date(2017, 5, 6) and reading.end == PUB


def test_a_few_days_ago_is_a_range_not_a_day():
    reading = read_date("A few days ago militants raided the farm.", published=PUB)
    assert reading is not None
    assert (reading.day, reading.precision) == (None, 2)
    assert reading.start == dt.date(2017, 5, 6) and reading.end == dt.date(2017, 5, 12)


def test_nothing_is_invented():
    assert read_date("Militants attacked on Friday.", published=None) is None
    assert read_date("The town is quiet.", published=PUB) is None
    assert read_date("", published=PUB) is None


def test_statement_days_are_not_event_days():
    text = "Troops killed 12 militants, a general said on Saturday."
    assert read_date(text, published=PUB) is None
    text = "The general said on Saturday that the attack began on Friday."
    reading = read_date(text, published=PUB)
    assert reading is not None and reading.day == dt.date(2017, 5, 12)


def test_published_from_text():
    assert published_from_text("A headline | Outlet | 22.10.2016\nBody") == dt.date(2016, 10, 22)
    assert published_from_text("Title\n\nOctober 21, 2016 at 1:04 pm\n") == dt.date(2016, 10, 21)
    assert published_from_text("No date at all") is None


def test_when_a_period_began_is_not_the_event_s_day():
    text = "Thousands have fled since the offensive began on October 17, aid groups said."
    assert read_date(text, published=dt.date(2016, 11, 4)) is None


def test_a_month_and_year_without_a_day():
    r = read_date("In August 2014, militants overran the town.", published=dt.date(2018, 8, 3))
    assert (r.start, r.end, r.precision) == (dt.date(2014, 8, 1), dt.date(2014, 8, 31), 3)


def test_the_day_a_campaign_began_is_not_an_event_day():
    text = "The offensive, backed by U.S.-led air strikes, began on Oct. 17."
    assert read_date(text, published=dt.date(2016, 11, 6)) is None


def test_a_statement_s_day_after_several_words_is_not_the_event_day():
    text = (
        "The army said in a statement on Wednesday that two soldiers were killed near the "
        "dam on Tuesday evening."
    )
    reading = read_date(text, published=dt.date(2018, 3, 14))
    assert reading is not None and reading.day == dt.date(2018, 3, 13)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A source stated, on Saturday, that two guards were killed on Friday evening.", 20),
        ("A bomb exploded at dawn on Friday near the village.", 20),
        ("The attack took place the day before yesterday.", 20),
        ("Gunmen attacked a checkpoint at dawn.", 22),
    ],
)
def test_translated_day_phrases(text, day):
    reading = read_date(text, published=dt.date(2018, 7, 22))  # a Sunday
    assert reading is not None and reading.day == dt.date(2018, 7, day)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("In April, the body of a preacher was found near the port.", (2018, 4, 1), (2018, 4, 30)),
        ("In July, rockets hit the base.", (2017, 7, 1), (2017, 7, 31)),
    ],
)
def test_a_month_without_a_year_is_the_last_such_month(text, start, end):
    reading = read_date(text, published=dt.date(2018, 6, 15))
    assert reading is not None and reading.day is None
    assert (reading.start, reading.end) == (dt.date(*start), dt.date(*end))


def test_an_outlet_named_today_is_no_day():
    text = "According to Baghdad Today, the clash erupted near the market."
    assert read_date(text, published=dt.date(2018, 9, 5)) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a bare day of the month: this month's, or the last one's when it is still to come
        ("A tribal feud turned into a gun battle on the 12th near the river.", (2017, 6, 12)),
        ("Gunmen set fire to the crops on the 12th of this month.", (2017, 6, 12)),
        ("The shepherds went missing on the 25th.", (2017, 5, 25)),
        # numeric dates as Iraqi outlets write them
        ("A bomb went off on 2017/6/3 in the market.", (2017, 6, 3)),
        ("A bomb went off on 03-06-2017 in the market.", (2017, 6, 3)),
        # a date after "said that" is the deed's, not the statement's
        ("An officer said that on 3 June a mine killed two farmers.", (2017, 6, 3)),
        # the day of a funeral is not the day of the killing
        ("Relatives on Friday buried three guards who were shot dead on Tuesday.", (2017, 6, 13)),
        ("A funeral was held on Friday for two guards shot dead on Tuesday.", (2017, 6, 13)),
    ],
)
def test_days_told_in_other_ways(text, day):
    reading = read_date(text, published=dt.date(2017, 6, 17))
    assert reading is not None and reading.day == dt.date(*day)


@pytest.mark.parametrize(
    "text",
    [
        "Police on Thursday said they had arrested three smugglers.",
        "The 9th Division on the 5th Brigade front held its lines.",
    ],
)
def test_the_day_of_a_statement_or_a_unit_number_is_not_the_deed_s(text):
    assert read_date(text, published=dt.date(2017, 6, 17)) is None


def test_a_funeral_that_was_bombed_is_dated_by_its_day():
    text = "A bomb killed six mourners at a funeral in the town on Friday."
    reading = read_date(text, published=dt.date(2017, 6, 17))
    assert reading is not None and reading.day == dt.date(2017, 6, 16)
