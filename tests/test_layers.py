import datetime as dt

import pytest

from mapper.errors import ThemeError
from mapper.layers import OTHER, assign_layer, default_themes, load_themes, parse_themes

KIRKUK = dict(admin1="Kirkuk", lat=35.47, lon=44.39)
QARAQOSH = dict(admin1="Ninewa", lat=36.27, lon=43.38)


def layer(themes, place, day, event_type="Battles", sub="Armed clash"):
    return assign_layer(themes, **place, event_date=day, event_type=event_type, sub_event_type=sub)


def test_default_themes_are_the_mission_layers():
    themes = default_themes()
    assert [t.name for t in themes] == ["kirkuk-attacks", "mosul-front", OTHER]
    assert themes[0].title == "Kirkuk attacks (October 2016)"


@pytest.mark.parametrize(
    ("place", "day", "event_type", "expected"),
    [
        (KIRKUK, dt.date(2016, 10, 21), "Battles", "kirkuk-attacks"),
        (KIRKUK, dt.date(2016, 10, 21), "Protests", OTHER),  # not violent
        (KIRKUK, dt.date(2018, 3, 2), "Battles", OTHER),  # not October 2016
        (KIRKUK, None, "Battles", OTHER),  # undated never matches a dated theme
        (QARAQOSH, dt.date(2016, 10, 22), "Battles", "mosul-front"),
        (QARAQOSH, dt.date(2015, 10, 22), "Battles", OTHER),  # before the offensive
    ],
)
def test_assignment(place, day, event_type, expected):
    assert layer(default_themes(), place, day, event_type) == expected


def test_user_theme_file(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text(
        '[[theme]]\nname = "basra"\ntitle = "Basra"\ncolour = "#00aa00"\n'
        'admin1 = ["Basrah"]\n\n[other]\ntitle = "Elsewhere"\n',
        encoding="utf-8",
    )
    themes = load_themes(path)
    assert [t.name for t in themes] == ["basra", OTHER]
    assert themes[-1].title == "Elsewhere"
    assert layer(themes, dict(admin1="Basrah", lat=30.5, lon=47.8), None) == "basra"
    assert layer(themes, KIRKUK, None) == OTHER


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[theme]\n", "not valid TOML"),
        ('[[theme]]\ntitle = "x"\n', "needs a name"),
        ('[[theme]]\nname = "a"\nbbox = [1, 2]\n', "bbox"),
        ('[[theme]]\nname = "a"\ndate_from = "yesterday"\n', "date"),
        ('[[theme]]\nname = "a"\nshape = 1\n', "unknown key"),
        ('[[theme]]\nname = "other"\n', "unique"),
    ],
)
def test_bad_theme_files_say_what_is_wrong(text, message):
    with pytest.raises(ThemeError, match=message):
        parse_themes(text)


def test_missing_theme_file(tmp_path):
    with pytest.raises(ThemeError, match="cannot read"):
        load_themes(tmp_path / "nope.toml")
