from pathlib import Path

import pytest
from _extract_places import gazetteer

from mapper.errors import InputError
from mapper.evaluate import EvalReport, evaluate, main

DATA = Path(__file__).parent / "data" / "extract"
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def test_scores_on_our_own_small_gold_file():
    report = evaluate(DATA / "gold_small.csv", gazetteer=gazetteer())
    assert report.n == 5
    # the fifth row reports no event: a miss everywhere
    assert report.coverage == pytest.approx(4 / 5)
    assert report.within_1km == pytest.approx(4 / 5)
    assert report.within_25km == pytest.approx(4 / 5)
    assert report.fatalities_exact == pytest.approx(4 / 5)
    assert report.event_type_acc == pytest.approx(4 / 5)
    assert report.date_exact == pytest.approx(4 / 5)
    assert report.median_km is not None and report.median_km < 1


def test_limit_and_markdown():
    report = evaluate(DATA / "gold_small.csv", limit=2, gazetteer=gazetteer())
    assert report.n == 2
    md = report.to_markdown()
    assert "| within 5 km |" in md
    assert md.count("\n|") >= 10


def test_bad_input_has_a_clear_message(tmp_path):
    with pytest.raises(InputError, match="no column"):
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n", encoding="utf-8")
        evaluate(bad, gazetteer=gazetteer())
    with pytest.raises(InputError, match="cannot read"):
        evaluate(tmp_path / "missing.csv", gazetteer=gazetteer())
    assert main([str(tmp_path / "missing.csv")]) == 1
    assert main([]) == 2


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("notes,latitude,longitude,fatalities,event_type\n", encoding="utf-8")
    report = evaluate(empty, gazetteer=gazetteer())
    assert report == EvalReport(
        n=0,
        coverage=0.0,
        within_1km=0.0,
        within_5km=0.0,
        within_25km=0.0,
        median_km=None,
        fatalities_exact=0.0,
        event_type_acc=0.0,
        date_exact=0.0,
        actor1_acc=0.0,
        geo_precision_acc=0.0,
        articles_per_s=report.articles_per_s,
        source="empty.csv",
    )


@pytest.mark.skipif(not (DEV / "acled_iraq_2018_dev.csv").is_file(), reason="no dev set")
def test_dev_set_smoke():
    report = evaluate(DEV / "acled_iraq_2018_dev.csv", limit=60)
    assert report.n == 60
    assert report.fatalities_exact >= 0.8
    assert report.event_type_acc >= 0.75
    assert report.coverage >= 0.5
