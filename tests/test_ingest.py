"""Tests of mapper.ingest: reading, cleaning, headline / dateline / date / outlet."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.errors import InputError
from mapper.ingest import (
    MAX_ARTICLE_BYTES,
    Skipped,
    article_from_text,
    iter_articles,
    parse_published,
    read_text_file,
)

DATA = Path(__file__).parent / "data" / "ingest"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def body(article: object) -> str:
    return article.text[article.body_start :]  # type: ignore[attr-defined]


def collect(inputs: list[object], **kwargs: object) -> tuple[list[object], list[Skipped]]:
    skipped: list[Skipped] = []
    articles = list(iter_articles(inputs, on_skip=skipped.append, **kwargs))  # type: ignore[arg-type]
    return articles, skipped


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("utf8.txt", "supply convoy"),
        ("utf8_bom.txt", "café"),
        ("utf16.txt", "Naïve"),
        ("cp1256_arabic.txt", "بغداد"),
        ("cp1252.txt", "army’s spokesman"),
    ],
)
def test_read_text_file_detects_encoding(name: str, needle: str) -> None:
    text = read_text_file(DATA / name)
    assert needle in text
    assert "\ufeff" not in text
    assert "\ufffd" not in text


def test_cp1252_accents_and_quotes_survive() -> None:
    text = read_text_file(DATA / "cp1252.txt")
    assert "“no one was hurt”" in text
    assert "région" in text


def test_arabic_article_headline_and_body() -> None:
    (article,), skipped = collect([DATA / "cp1256_arabic.txt"])
    assert not skipped
    assert article.title.startswith("انفجار")
    assert "بغداد" in body(article)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("junk.txt", "binary file"), ("image.txt", "PNG image")],
)
def test_binary_files_raise_with_reason(name: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        read_text_file(DATA / name)
    assert fragment in str(info.value)
    assert "convert it to .txt or remove it" in str(info.value)


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("Shelling reported in Hit\nMortars fell on the town.".encode("utf-16-le"))
    assert read_text_file(path).startswith("Shelling reported in Hit")


def test_missing_file_raises() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_file(DATA / "does-not-exist.txt")


# ---------------------------------------------------------------------------- skipping


def test_folder_mixing_good_and_bad_input() -> None:
    articles, skipped = collect([DATA])
    ids = [a.id for a in articles]
    # folders are walked in sorted order; a JSONL file yields its lines in order
    assert ids.index("cp1252") < ids.index("utf8")
    assert ids.index("j1") < ids.index("j2")
    assert {"utf8", "utf8_bom", "utf16", "cp1256_arabic", "cp1252", "page", "j1", "j2"} <= set(ids)
    reasons = {Path(s.path).name + (f":{s.line}" if s.line else ""): s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file: nothing to map"
    assert reasons["blank.txt"] == "empty file: nothing to map"
    assert "binary file" in reasons["junk.txt"]
    assert "PNG" in reasons["image.txt"]
    for item in skipped:
        assert "\n" not in item.reason
    # deterministic: a second run gives the same ids and reports
    again, skipped_again = collect([DATA])
    assert [a.id for a in again] == ids
    assert skipped_again == skipped


def test_jsonl_bad_lines_reported_with_line_numbers_good_lines_kept() -> None:
    articles, skipped = collect([DATA / "half.jsonl"])
    assert [a.id for a in articles] == ["j1", "j2", "j1-2"]
    by_line = {s.line: s.reason for s in skipped if s.line is not None}
    assert by_line[3].startswith("line 3: not valid JSON")
    assert "fix or remove the line" in by_line[3]
    assert by_line[5] == "line 5: missing 'text': add the article text or remove the item"
    assert "not a JSON object" in by_line[6]
    assert "'published'" in by_line[7]
    assert "incomplete last line" in by_line[8]
    assert any("duplicate id 'j1'" in s.reason and "'j1-2'" in s.reason for s in skipped)
    # what was left out and what was read with a change are told apart
    kept = {s.line: s.kept for s in skipped if s.line is not None}
    assert kept == {3: False, 5: False, 6: False, 7: True, 8: False}
    assert all(s.kept for s in skipped if "duplicate id" in s.reason)
    j1 = articles[0]
    assert j1.published == dt.date(2017, 3, 4)
    assert j1.source == "DW"  # alias normalised
    assert j1.title == "Bomb kills two in Fallujah"
    j2 = articles[1]
    assert j2.title == "Village attacked"
    assert body(j2).startswith("Gunmen attack village near Baquba")


def test_strict_mode_raises_on_first_bad_input() -> None:
    with pytest.raises(InputError) as info:
        list(iter_articles([DATA / "half.jsonl"], strict=True))
    assert info.value.line == 3
    with pytest.raises(InputError, match="empty file"):
        list(iter_articles([DATA / "empty.txt"], strict=True))
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles([DATA / "nope.txt"], strict=True))


def test_strict_mode_passes_clean_input() -> None:
    articles = list(iter_articles([DATA / "utf8.txt", DATA / "page.html"], strict=True))
    assert len(articles) == 2


def test_single_path_or_dict_not_iterated_character_by_character() -> None:
    assert [a.id for a in iter_articles(str(DATA / "utf8.txt"))] == ["utf8"]  # type: ignore[arg-type]
    one = {"id": "solo", "text": "Alone\nA lone report."}
    assert [a.id for a in iter_articles(one)] == ["solo"]  # type: ignore[arg-type]


def test_missing_path_reported() -> None:
    articles, skipped = collect([DATA / "nope.txt", DATA / "utf8.txt"])
    assert [a.id for a in articles] == ["utf8"]
    assert skipped == [
        Skipped(str(DATA / "nope.txt"), None, "no such file or folder: check the path")
    ]


def test_dict_inputs_and_validation() -> None:
    items: list[object] = [
        {"id": 7, "text": "Blast in Tuz\nA blast hit Tuz Khurmatu.", "url": "javascript:x"},
        {"text": "Raid near Hawija\nTroops raided a village near Hawija."},
        {"id": "x", "text": 42},
        {"id": "y", "text": "   "},
        {"id": "a", "text": "One\nFirst."},
        {"id": "a", "text": "Two\nSecond."},
        3.5,
    ]
    articles, skipped = collect(items)
    assert articles[0].id == "7"
    assert articles[0].url is None
    assert articles[1].id.startswith("a-")  # derived from the content, stable
    assert articles[1].id == collect([items[1]])[0][0].id
    assert [a.id for a in articles[2:]] == ["a", "a-2"]
    reasons = " | ".join(s.reason for s in skipped)
    assert "'url' is not an http(s) address" in reasons
    assert "'text' must be a string" in reasons
    assert "empty 'text'" in reasons
    assert "duplicate id 'a'" in reasons
    assert "unsupported input of type float" in reasons


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g", "text": "Fine\nA fine line."}).encode()
    path.write_bytes(good + b"\n" + b'{"id": "b", "text": "\xff\xfe bad"}\n' + good + b"\n")
    articles, skipped = collect([path])
    assert [a.id for a in articles] == ["g", "g-2"]
    assert skipped[0] == Skipped(str(path), 2, "line 2: not valid UTF-8: re-save the file as UTF-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    articles, skipped = collect([fifo])
    assert articles == []
    assert "not a regular file" in skipped[0].reason


def test_empty_folder_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an input")
    articles, skipped = collect([tmp_path])
    assert articles == []
    assert "nothing to map" in skipped[0].reason


def test_huge_article_is_truncated_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = "Fighting continued in the district for another day, officials said.\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Long report from Mosul\n")
        for _ in range(MAX_ARTICLE_BYTES // len(paragraph) + 2000):
            handle.write(paragraph)
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    articles, skipped = collect([path])
    assert len(articles) == 1
    assert len(articles[0].text) <= MAX_ARTICLE_BYTES + 2
    assert "only the first 5 MiB were read" in skipped[0].reason


def test_hostile_json_values(tmp_path: Path) -> None:
    path = tmp_path / "hostile.jsonl"
    lines = [
        "[" * 50_000,
        '{"id": "n", "text": "x", "count": ' + "9" * 5000 + "}",
        '{"id": "bad\\ud800", "text": "Lone \\udc00 surrogate\\nA body line."}',
        json.dumps({"id": "x" * 500, "text": "Long id\nA body line."}),
        json.dumps({"id": True, "text": "Bool id\nA body line."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, skipped = collect([path])
    assert [s.line for s in skipped][:2] == [1, 2]
    assert "nested too deeply" in skipped[0].reason
    assert "unreadable JSON value" in skipped[1].reason
    assert len(articles) == 3
    for article in articles:
        article.text.encode("utf-8")
        article.id.encode("utf-8")
        assert len(article.id) <= 200
    assert articles[2].id == "hostile-5"  # a boolean is not an id: derived from the line
    assert any("'id' longer than 200" in s.reason for s in skipped)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=8))
def test_arbitrary_jsonl_bytes_never_raise(
    tmp_path_factory: pytest.TempPathFactory, chunks: list[bytes]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.jsonl"
    good = json.dumps({"id": "ok", "text": "Fine report\nTroops advanced."}).encode()
    path.write_bytes(b"\n".join([*chunks, good]))
    articles, skipped = collect([path])
    assert "ok" in {a.id.split("-")[0] for a in articles}
    for item in skipped:
        assert "\n" not in item.reason


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_file_bytes_never_raise(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.txt"
    path.write_bytes(data)
    articles, skipped = collect([path])
    assert len(articles) + len(skipped) >= 1
    for article in articles:
        article.text.encode("utf-8")


# ---------------------------------------------------------------------------- streaming


def test_jsonl_is_streamed_lazily(tmp_path: Path) -> None:
    """The first article comes out before the file is read to its end.

    Lines appended after the first article was yielded still come through, which is
    impossible if the file had been read whole up front.
    """
    path = tmp_path / "big.jsonl"
    filler = "Security forces reported calm in the area on the day. " * 20
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(3000):
            handle.write(json.dumps({"id": f"a{i}", "text": f"Report {i}\n{filler}"}) + "\n")
    size = path.stat().st_size
    stream = iter_articles([path])
    first = next(stream)
    assert first.id == "a0"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "late", "text": "Late report\nAdded later."}) + "\n")
    assert path.stat().st_size > size
    rest = [a.id for a in stream]
    assert len(rest) == 3000
    assert rest[-1] == "late"


def test_iter_articles_is_a_generator_of_inputs() -> None:
    def inputs() -> object:
        yield DATA / "utf8.txt"
        raise AssertionError("the second input must not be pulled before it is needed")

    stream = iter_articles(inputs())  # type: ignore[arg-type]
    assert next(stream).id == "utf8"


# ---------------------------------------------------------------------------- cleaning


def test_html_scripts_and_styles_dropped() -> None:
    (article,), skipped = collect([DATA / "page.html"])
    assert not skipped
    assert article.title == "Drone strike hits depot near Haditha"
    text = article.text
    for absent in (
        "alert",
        "tracker",
        "document.write",
        "color: red",
        "<",
        "JavaScript",
        "desk@example.org",
        "Home",
    ):
        assert absent not in text, absent
    assert "statement said & no civilians" in text
    assert text.count("Drone strike hits depot") == 1


def test_html_in_text_field_is_stripped() -> None:
    article = article_from_text(
        "h", "<p>Attack in Hit</p><p>Gunmen <b>attacked</b> a post.<script>x()</script></p>"
    )
    assert article.title == "Attack in Hit"
    assert body(article) == "Gunmen attacked a post."


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    article = article_from_text("p", "Casualties rise\nBetween 3 < 5 and 7 > 2 were hurt.")
    assert "3 < 5 and 7 > 2" in body(article)


def test_boilerplate_removed() -> None:
    (article,), _ = collect([DATA / "nav_footer.txt"])
    assert article.title == "Suicide attack hits market in Tal Afar"
    assert article.published == dt.date(2017, 5, 3)
    text = article.text
    for absent in (
        "Navigation",
        "Skip",
        "Politics",
        "Weather",
        "(Photo:",
        "Read More",
        "Watch video",
        "02:14",
        "Now live",
        "video title",
        "Newsletter",
        "follow us",
        "Share",
        "Related",
        "Another headline",
        "Leave a Reply",
        "email address",
        "12 + five",
        "World News",
        "Example Daily",
    ):
        assert absent not in text, absent
    assert text.count("Suicide attack hits market") == 1
    assert "killing six people" in text
    assert "reopened only last month" in text


def test_contact_footer_tagline_and_ui_words_removed() -> None:
    (article,), _ = collect([DATA / "sun_style.txt"])
    assert article.title == "Gunmen storm police station in Kirkuk suburb"
    assert article.published == dt.date(2017, 10, 12)
    assert article.source == "The Sun"
    assert "since 1999" not in article.text
    assert "0207" not in article.text
    assert "tips@" not in article.text
    assert not article.text.startswith("clear")
    # a "Place -" opening in a later paragraph is not a dateline
    assert article.dateline is None
    assert "Erbil –" in body(article)


def test_tag_and_topic_lines_removed() -> None:
    raw = (
        "Drone strike hits hills near Amedi\n\n"
        "A drone struck a hillside near Amedi on Sunday, officials said.\n\n"
        "Tags: Turkey, PKK, Duhok, drone strikes\n"
        "Filed under: Kurdistan, Security"
    )
    article = article_from_text("t", raw)
    assert body(article) == "A drone struck a hillside near Amedi on Sunday, officials said."


def test_dateline_removed_and_outlet_from_dateline() -> None:
    (article,), _ = collect([DATA / "dateline.txt"])
    assert article.dateline == "Erbil"
    assert article.source == "Kurdistan 24"  # not Rudaw or CNN, which it only quotes
    assert body(article).startswith("Militants ambushed")
    assert "ERBIL" not in article.text
    assert "File photo" not in article.text


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("BAGHDAD, Oct 21 (Reuters) - Troops", "Baghdad", "Reuters"),
        ("MOSUL, Iraq (AP) — Troops", "Mosul", "AP"),
        ("Erbil – Troops", "Erbil", None),
        ("KIRKUK: Troops", "Kirkuk", None),
        ("Tuz Khurmatu (Kurdistan 24) – Troops", "Tuz Khurmatu", "Kurdistan 24"),
        ("BAGHDAD, Oct. 21 (Xinhua) -- Troops", "Baghdad", "Xinhua"),
        ("ERBIL, Kurdistan Region – Troops", "Erbil", None),
        ("Basra / INA - Troops", "Basra", "INA"),
        ("Shafaq News / Troops", None, "Shafaq News"),
    ],
)
def test_dateline_forms(opening: str, place: str | None, outlet: str | None) -> None:
    raw = (
        f"Headline here\n{opening} entered the village on Sunday after a short fight, police said."
    )
    article = article_from_text("d", raw)
    assert article.dateline == place
    assert article.source == outlet
    assert body(article).startswith("Troops entered")


@pytest.mark.parametrize(
    ("opening", "place", "outlet", "published"),
    [
        ("HILLA, Aug 9, 2018 - Troops", "Hilla", None, dt.date(2018, 8, 9)),
        ("NAJAF, Iraq, 9 August 2018 — Troops", "Najaf", None, dt.date(2018, 8, 9)),
        ("SAMARRA, Feb. 2, 2019 (AFP) - Troops", "Samarra", "AFP", dt.date(2019, 2, 2)),
        (
            "ZAKHO (Rudaw) - May 30, 2019 - Troops",
            "Zakho",
            "Rudaw",
            dt.date(2019, 5, 30),
        ),
        ("BAGHDAD, Oct 21 (Reuters) - Troops", "Baghdad", "Reuters", None),  # no year: unknown
    ],
)
def test_wire_dateline_date_is_the_publication_date(
    opening: str, place: str, outlet: str | None, published: dt.date | None
) -> None:
    raw = f"Headline here\n{opening} entered the village on Sunday after a short fight."
    article = article_from_text("w", raw)
    assert (article.dateline, article.source, article.published) == (place, outlet, published)
    assert body(article).startswith("Troops entered")


def test_a_dateline_line_of_its_own_with_a_date() -> None:
    raw = "Headline here\n\nHILLA, Iraq - March 3, 2019\n\nTroops entered the village on Sunday."
    article = article_from_text("w", raw)
    assert (article.dateline, article.published) == ("Hilla", dt.date(2019, 3, 3))
    assert body(article).startswith("Troops entered")


def test_an_unknown_outlet_in_a_wire_dateline_is_the_source() -> None:
    raw = "Headline\nHILLA, Aug 9, 2018 (Euphrates Courier) - Troops entered the village on Sunday."
    assert article_from_text("w", raw).source == "Euphrates Courier"
    raw = "Headline\nHILLA (Iraq) - Troops entered the village on Sunday after a short fight."
    assert article_from_text("w", raw).source is None


def test_metadata_date_wins_over_the_dateline_date() -> None:
    raw = "Headline here\nHILLA, Aug 9, 2018 - Troops entered the village on Sunday after a fight."
    article = article_from_text("w", raw, published="2018-08-10")
    assert article.published == dt.date(2018, 8, 10)


def test_dateline_in_a_first_line_without_headline() -> None:
    raw = (
        "HIT (AFP) - A car bomb killed four people at a market in the town on Monday, police said."
    )
    article = article_from_text("d", raw)
    assert article.dateline == "Hit"
    assert article.source == "AFP"
    assert article.title.startswith("A car bomb killed four")


def test_byline_stamp_line_in_header() -> None:
    raw = (
        "Blast kills three\nBy Jane Doe | 21 October 2016 | 3 min read\n"
        "A blast killed three people in the city on Monday, police said in a statement."
    )
    article = article_from_text("b", raw)
    assert article.published == dt.date(2016, 10, 21)
    assert "Jane Doe" not in article.text


def test_comment_form_above_the_article_does_not_swallow_it() -> None:
    raw = (
        "Headline\nLeave a Reply\nA blast killed three people in the city on Monday, "
        "police said in a statement.\nLeave a Reply\nA reader wrote something here."
    )
    article = article_from_text("c", raw)
    assert body(article).startswith("A blast killed three")
    assert "reader" not in article.text


@pytest.mark.parametrize(
    "opening",
    [
        "Islamic State - the group that held the city - attacked",
        "Islamic State – The group attacked",
        "The army — backed by jets — attacked",
        "Iraqi army / police units attacked",
    ],
)
def test_sentence_openings_are_not_datelines(opening: str) -> None:
    raw = f"Headline\n{opening} a village on Monday, killing three people, officials said."
    article = article_from_text("n", raw)
    assert article.dateline is None
    assert body(article).startswith(opening)


def test_no_dateline_in_ordinary_sentence() -> None:
    raw = (
        "Headline\nIslamic State fighters attacked the town on Sunday, police said in a statement."
    )
    article = article_from_text("d", raw)
    assert article.dateline is None
    assert body(article).startswith("Islamic State fighters")


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-10-21", dt.date(2016, 10, 21)),
        ("2016-10-21T13:04:00Z", dt.date(2016, 10, 21)),
        ("21 October 2016", dt.date(2016, 10, 21)),
        ("October 21, 2016", dt.date(2016, 10, 21)),
        ("22.10.2016", dt.date(2016, 10, 22)),
        (dt.date(2016, 10, 21), dt.date(2016, 10, 21)),
        (dt.datetime(2016, 10, 21, 5, 0), dt.date(2016, 10, 21)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value: object, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["soon", "2016-13-45", 12])
def test_parse_published_rejects(value: object) -> None:
    with pytest.raises(InputError, match="is not a date"):
        parse_published(value)


def test_metadata_date_wins_over_text() -> None:
    raw = "Clash near Baiji | 03.05.2017\nTroops fought militants near Baiji, officials said."
    assert article_from_text("m", raw).published == dt.date(2017, 5, 3)
    assert article_from_text("m", raw, published="2017-05-04").published == dt.date(2017, 5, 4)


def test_event_date_in_body_is_not_publication_date() -> None:
    raw = "Anniversary of the attack\nOn 21 October 2016 militants attacked the city, they said."
    assert article_from_text("e", raw).published is None


# ---------------------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    [
        ("Blast in Hit - BBC News\nA blast hit the town.", {}, "BBC"),
        ("Blast in Hit | Al Jazeera\nA blast hit the town.", {}, "Al Jazeera"),
        ("Blast\nA blast hit the town.\nSource: Shafaq News", {}, "Shafaq News"),
        ("Blast\nA blast hit the town. Middle East Monitor could not verify it.", {}, "MEMO"),
        ("Blast\nA blast hit the town, according to Rudaw.", {}, None),
        ("Blast\nA blast hit the town, an official told Rudaw, Rudaw reported.", {}, None),
        ("Blast\nA blast hit the town.", {"source": "Deutsche Welle"}, "DW"),
        ("Blast\nA blast hit the town.", {"source": "Local Herald"}, "Local Herald"),
        ("Blast\nA blast hit the town.", {"url": "https://www.rudaw.net/english/x"}, "Rudaw"),
        ("Blast - BBC News\nA blast hit the town.", {"source": "Reuters"}, "Reuters"),
        (
            "Blast\nA blast hit the town.\n© 2017 Kurdistan24. All rights reserved.",
            {},
            "Kurdistan 24",
        ),
        ("Blast\nA blast hit the town.\nTips: email us at desk@rudaw.net", {}, "Rudaw"),
        ("Blast\nA blast hit the town, CNN said it could not confirm.", {}, None),
    ],
)
def test_outlet_detection(raw: str, kwargs: dict[str, str], expected: str | None) -> None:
    assert article_from_text("o", raw, **kwargs).source == expected  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=50)))
def test_arbitrary_text_never_crashes_and_offsets_hold(raw: str, title: str | None) -> None:
    article = article_from_text("h", raw, title=title)
    assert article.text[: article.body_start] == article.title + "\n\n"
    assert article.body_start == len(article.title) + 2
    assert "\n" not in article.title
    rest = article.text[article.body_start :]
    assert rest == rest.strip() or rest == ""
    article.text.encode("utf-8")  # no lone surrogates reach later stages


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Erbil –",
                "KIRKUK (AFP) -",
                "Leave a Reply",
                "1. Home",
                "Read more",
                "22.10.2016",
                "<p>",
                "</script>",
                "&amp;",
                "Militants attacked a checkpoint near the town on Sunday.",
                "\ufeff",
                "\r\n",
                "\x00",
                "|",
                "DW",
                "(Photo: x)",
            ]
        ),
        max_size=30,
    )
)
def test_boilerplate_soup_never_crashes(parts: list[str]) -> None:
    raw = "\n".join(parts)
    article = article_from_text("s", raw)
    assert article.text.startswith(article.title + "\n\n")
    assert "\x00" not in article.text


# ---------------------------------------------------------------------------- seeds

SEED_FACTS = {
    "000": {"published": None, "source": "The Sun", "dateline": None},
    "001": {"published": dt.date(2016, 10, 22), "source": "DW", "dateline": None},
    "002": {"published": None, "source": "ARA News", "dateline": "Erbil"},
    "003": {"published": dt.date(2016, 10, 21), "source": "MEMO", "dateline": None},
    "004": {"published": None, "source": "Kurdistan 24", "dateline": "Erbil"},
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    skipped: list[Skipped] = []
    articles = list(iter_articles([SEEDS], on_skip=skipped.append))
    assert skipped == []
    return {a.id[:3]: a for a in articles}


@pytest.mark.parametrize("key", sorted(SEED_FACTS))
def test_seed_metadata(seeds: dict[str, object], key: str) -> None:
    article = seeds[key]
    facts = SEED_FACTS[key]
    assert article.published == facts["published"]  # type: ignore[attr-defined]
    assert article.source == facts["source"]  # type: ignore[attr-defined]
    assert article.dateline == facts["dateline"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", sorted(SEED_FACTS))
def test_seed_headline_is_the_first_real_line(seeds: dict[str, object], key: str) -> None:
    article = seeds[key]
    raw = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
    title = article.title  # type: ignore[attr-defined]
    assert 4 <= len(title.split()) <= 25
    assert "|" not in title
    assert title.lower() not in {"clear"}
    assert "since 2009" not in title
    # the headline is a line (or the first part of a line) of the raw file
    fold = str.maketrans({"′": "'"})
    assert any(line.translate(fold).startswith(title.translate(fold)) for line in raw.splitlines())
    # a repeated headline does not stay in the body
    assert title not in body(article)


@pytest.mark.parametrize("key", sorted(SEED_FACTS))
def test_seed_boilerplate_gone(seeds: dict[str, object], key: str) -> None:
    text = seeds[key].text  # type: ignore[attr-defined]
    for absent in (
        "Leave a Reply",
        "0207",
        "Watch video",
        "Navigation",
        "Metanavigation",
        "Email us",
        "Newsletter",
        "follow us",
        "Related Items",
        "Read More",
        "(Photo:",
        "File photo",
        "DW recommends",
        "seventeen",
        "Log Out",
        "Creating new perspectives",
        "Reporting by",
    ):
        assert absent not in text, absent
    assert len(body(seeds[key]).split()) > 150  # the article itself is kept


def test_seed_datelines_out_of_text(seeds: dict[str, object]) -> None:
    for key in ("002", "004"):
        article = seeds[key]
        start = body(article)[:40]  # type: ignore[index]
        assert "Erbil" not in start and "ERBIL" not in start


def test_a_source_line_in_the_header_names_an_unlisted_outlet():
    art = article_from_text(
        "x", "Headline here\nSource: Tigris Wire\n\nGunmen attacked a checkpoint on Monday."
    )
    assert art.source == "Tigris Wire"
    assert "Source:" not in art.text


def test_a_breadcrumb_trail_is_not_the_headline() -> None:
    raw = (
        "Home | World | Middle East\n"
        "Rockets hit an air base north of the capital\n\n"
        "Four rockets struck the base on Saturday night, the army said."
    )
    article = article_from_text("b", raw)
    assert article.title == "Rockets hit an air base north of the capital"
    assert "Middle East" not in article.text
