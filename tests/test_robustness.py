"""Hostile and arbitrary input: nothing crashes, nothing lands outside Iraq, and a
run killed while writing leaves the previous outputs as they were."""

import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapper

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

# Pieces of conflict-report language mixed with arbitrary text, so that the property
# exercises the extractor's rules and not only its "nothing found" path.
FRAGMENTS = st.sampled_from(
    [
        "Kirkuk",
        "Mosul",
        "north of ",
        "70 km west of Rutba",
        "200 kilometres south of Basra",
        "killed ",
        "at least 12",
        "a car bomb exploded in ",
        "on Friday",
        "Daesh",
        "province",
        "between Daquq and Baghdad",
        "\n\n",
        ". ",
        "<script>alert(1)</script>",
        "\u0643\u0631\u0643\u0648\u0643",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=40), FRAGMENTS), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=30), text=TEXTS)
def test_arbitrary_text_never_crashes_and_every_point_is_in_iraq(title, text):
    gaz = mapper.Gazetteer.default()
    gdf = mapper.extract_incidents([{"id": "x", "title": title, "text": text}], gazetteer=gaz)
    for _, row in gdf.iterrows():
        assert gaz.contains(lat=row["latitude"], lon=row["longitude"]), row["location"]
        assert row["geometry"].x == row["longitude"]


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import mapper._atomic as atomic
    from mapper.cli import main

    real_replace = os.replace
    calls = {"n": 0}

    def replace_then_die(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:  # the second output file: die before it is renamed
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)

    atomic.os.replace = replace_then_die
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_run_killed_mid_write_leaves_the_previous_outputs_intact(tmp_path):
    out = tmp_path / "out"
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "mapper",
            "map",
            str(EXAMPLES),
            "--out",
            str(out),
            "--image",
            "none",
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # A second run over different input, killed while writing its outputs.
    other = tmp_path / "other.txt"
    other.write_text(
        "Blast in Ramadi\nPublished: 3 May 2018\n\nA bomb killed four people in Ramadi.",
        encoding="utf-8",
    )
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, "map", str(other), "--out", str(out), "--image", "none"],
        capture_output=True,
        text=True,
    )
    assert killed.returncode != 0
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    # Each final file is either the complete old one or the complete new one, never a
    # half-written mix; files the killed run had not reached are the old ones.
    assert set(after) == set(before)
    changed = [name for name in after if after[name] != before[name]]
    assert len(changed) <= 1
    for name in changed:
        assert name == "map.html"
        assert after[name].rstrip().endswith(b"</html>")
