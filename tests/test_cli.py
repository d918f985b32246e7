"""The ``mapper`` command: outputs, exit statuses, messages."""

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from mapper.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_examples_map_and_exports(tmp_path, capsys):
    status, _, err = run(capsys, "map", EXAMPLES, "--out", tmp_path, "--image", "none", "-q")
    assert status == 0, err
    for name in ("map.html", "incidents.geojson", "incidents.gpkg", "incidents.csv"):
        assert (tmp_path / name).stat().st_size > 0, name
    data = json.loads((tmp_path / "incidents.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["features"], "the example corpus should give incidents"
    locations = {f["properties"]["location"] for f in data["features"]}
    assert any("Kirkuk" in loc for loc in locations)
    assert not any("Geneva" in loc for loc in locations)


def test_same_input_gives_identical_files(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run(capsys, "map", EXAMPLES, "--out", out, "--image", "svg", "-q")[0] == 0
    for name in ("map.html", "incidents.geojson", "incidents.csv", "map.svg"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_bad_input_is_skipped_with_a_reason_and_exit_2(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "qaraqosh_advance.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (src / "feed.jsonl").write_text('{"id": "ok", "text": "x"}\n{"id": \n', encoding="utf-8")
    status, _, err = run(capsys, "map", src, "--out", tmp_path / "out", "--image", "none")
    assert status == 2
    assert "empty.txt" in err and "junk.txt" in err and "feed.jsonl:2" in err
    assert (tmp_path / "out" / "map.html").exists()
    data = json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))
    assert any(f["properties"]["location"] == "Qaraqosh" for f in data["features"])


def test_summary_counts_only_what_was_left_out_as_skipped(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": "Gunmen killed a shepherd near Tuz Khurmatu.", "published": "no"},
        {"id": "a", "text": "A roadside bomb wounded two soldiers in Tarmiyah."},
        {"id": "c"},
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "map", feed, "--out", tmp_path / "out", "--image", "none")
    assert status == 2
    assert "skipped " + str(feed) + ":3" in err
    assert "kept " + str(feed) + ":1" in err and "renamed to 'a-2'" in err
    assert "2 article(s) read, 1 skipped, 2 kept with a change" in out + err


def test_nothing_readable_exits_1_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    status, _, err = run(capsys, "map", tmp_path / "empty.txt", "--out", tmp_path / "out")
    assert status == 1
    assert "nothing written" in err
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_a_clear_error(tmp_path, capsys):
    status, _, err = run(capsys, "map", EXAMPLES, "--out", tmp_path, "--format", "shp")
    assert status == 1
    assert "unknown --format shp" in err


def test_out_keeps_files_it_did_not_write(tmp_path, capsys):
    keep = tmp_path / "notes.md"
    keep.write_text("mine", encoding="utf-8")
    assert run(capsys, "map", EXAMPLES, "--out", tmp_path, "--image", "none", "-q")[0] == 0
    assert keep.read_text(encoding="utf-8") == "mine"
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seeds_put_the_kirkuk_attack_in_kirkuk(tmp_path, capsys):
    status, _, err = run(capsys, "map", *sorted(SEEDS.glob("*.txt")), "--out", tmp_path, "-q")
    assert status == 0, err
    data = json.loads((tmp_path / "incidents.geojson").read_text(encoding="utf-8"))
    kirkuk = [
        f
        for f in data["features"]
        if f["properties"]["event_date"] == "2016-10-21"
        and abs(f["geometry"]["coordinates"][1] - 35.47) < 0.1
        and abs(f["geometry"]["coordinates"][0] - 44.39) < 0.1
    ]
    assert kirkuk


def test_gazetteer_search(capsys):
    status, out, _ = run(capsys, "gazetteer", "search", "Kerkuk")
    assert status == 0
    assert "Kirkuk" in out.splitlines()[0]
    status, _, err = run(capsys, "gazetteer", "search", "Atlantis")
    assert status == 1 and "no place" in err
