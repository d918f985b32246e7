"""Synthetic news corpus for benchmarks: reports built from templates over the gazetteer.

Every report is written from this module's own templates (no third-party text), about
1-3 KB long, and names places of the bundled gazetteer (``Gazetteer.default()``): a
headline, a dateline-free lead with the event, its place, date and toll, and a few
paragraphs of context. About a quarter of the reports re-tell an earlier event in other
words from another outlet, so that merging has real work to do.

The output depends only on ``n``, ``seed`` and the gazetteer: the same call gives the
same bytes.

Usage::

    python bench/corpus.py 10000 --seed 7 --out /tmp/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Event", "generate", "load_places", "main", "write_jsonl"]

OUTLETS = (
    "Tigris Wire",
    "Euphrates Daily",
    "Northern Monitor",
    "Desert Courier",
    "Two Rivers Post",
    "Zagros Report",
    "Mesopotamia Today",
    "Riverside Bulletin",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip

#: Gazetteer kinds that are regions, not places an event happens at.
REGION_TYPES = frozenset({"country", "governorate", "district", "region", "subdistrict"})
#: Kinds a report says an event happened "in" (roads and facilities read oddly there).
SETTLEMENT_TYPES = frozenset({"city", "town", "village", "neighbourhood"})


@dataclass(frozen=True, slots=True)
class SynthPlace:
    """What the generator needs to know of a gazetteer place."""

    name: str
    admin1: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Event:
    """One invented event that one or more reports describe."""

    kind: str
    place: SynthPlace
    day: dt.date
    killed: int
    wounded: int
    actor: str


# --- templates: our own wording -------------------------------------------------------

HEADLINES = {
    "ied": (
        "Roadside bomb kills {killed} in {place}",
        "Explosive device hits patrol near {place}",
        "{killed} dead as bomb goes off in {place}",
    ),
    "suicide": (
        "Suicide bomber strikes crowded market in {place}",
        "Suicide attack in {place} leaves {killed} dead",
        "Bomber blows himself up at checkpoint in {place}",
    ),
    "clash": (
        "Fighting flares on the edge of {place}",
        "Troops and militants clash near {place}",
        "Gun battle in {place} leaves {killed} dead",
    ),
    "airstrike": (
        "Air strike hits militant position near {place}",
        "Warplanes bomb hideout outside {place}",
        "Coalition raid targets fighters in {place}",
    ),
    "shelling": (
        "Mortar rounds land on homes in {place}",
        "Shelling of {place} wounds {wounded}",
        "Rockets fall on {place} overnight",
    ),
    "abduction": (
        "Gunmen seize villagers in {place}",
        "Armed group abducts workers near {place}",
        "Residents of {place} kidnapped at fake checkpoint",
    ),
    "protest": (
        "Hundreds rally in {place} over power cuts",
        "Protesters gather in {place} to demand jobs",
        "Demonstration in {place} calls for better services",
    ),
}

LEADS = {
    "ied": (
        "A bomb planted by the side of a road exploded as an army patrol passed through "
        "{place} on {when}, killing {killed} soldiers and wounding {wounded}, according to a "
        "local security source.",
        "{killed} people were killed and {wounded} injured on {when} when an improvised "
        "explosive device went off in {place}, the provincial police said.",
    ),
    "suicide": (
        "A suicide bomber detonated an explosive vest among shoppers in {place} on {when}, "
        "killing at least {killed} people and injuring {wounded} more, medical staff said.",
        "At least {killed} people died on {when} when an attacker wearing an explosive belt "
        "blew himself up at a checkpoint in {place}. Another {wounded} were hurt.",
    ),
    "clash": (
        "Iraqi troops fought {actor} fighters for several hours on {when} in {place}. "
        "{killed} militants and two soldiers were killed, an army officer told reporters.",
        "Heavy clashes broke out on {when} between security forces and {actor} in {place}, "
        "leaving {killed} dead and {wounded} wounded, according to officials.",
    ),
    "airstrike": (
        "Coalition aircraft struck a building used by {actor} in {place} on {when}, "
        "killing {killed} fighters, the joint operations command announced.",
        "An air raid on {when} destroyed a weapons depot in {place}. The military said "
        "{killed} militants were killed in the strike.",
    ),
    "shelling": (
        "Several mortar shells fired by {actor} landed on a residential area of {place} on "
        "{when}, wounding {wounded} civilians and killing {killed}, a hospital source said.",
        "Residents of {place} said rockets hit their neighbourhood on {when}, killing "
        "{killed} and wounding {wounded} people.",
    ),
    "abduction": (
        "Gunmen believed to belong to {actor} abducted {wounded} men from {place} on {when}, "
        "local officials said. {killed} of them were later found dead.",
        "An armed group stopped cars on the road near {place} on {when} and took {wounded} "
        "passengers away, police said.",
    ),
    "protest": (
        "Several hundred people marched through the centre of {place} on {when} to protest "
        "against long power cuts and a lack of jobs. The rally ended peacefully.",
        "Demonstrators gathered outside the local council building in {place} on {when}, "
        "demanding clean water and electricity. No violence was reported.",
    ),
}

ACTORS = ("Islamic State", "IS", "Daesh", "the jihadist group", "unidentified gunmen")

#: Second paragraphs: more detail about a violent event, sometimes naming another place.
DETAILS = (
    "The attack took place about {km} kilometres {bearing} of {place}, on a road used by "
    "farmers and lorries carrying goods to {other}.",
    "A police officer in {other} said reinforcements were sent to {place} within the hour "
    "and that the area was sealed off until the evening.",
    "According to the health directorate, the dead included {killed_word} members of the "
    "security forces, while most of the wounded were civilians.",
    "Hospital staff in {other} said they received {wounded} casualties, some of them "
    "with serious burns and shrapnel wounds.",
    "The army said in a statement that its units had killed several attackers and seized "
    "weapons, ammunition and a car fitted with explosives near {place}.",
    "Residents reached by telephone said the fighting began shortly after dawn prayers and "
    "went on until early afternoon.",
)

CONTEXT = (
    "The area has seen repeated attacks since government forces regained control of it, "
    "and residents say many families who fled have not yet come back.",
    "Security officials have warned that sleeper cells remain active in rural districts, "
    "where patrols are thin and the terrain offers cover.",
    "No group immediately claimed responsibility for the attack, although similar "
    "incidents in the past were blamed on militants hiding in nearby valleys.",
    "Local leaders called on the central government to send more troops and to speed up "
    "the rebuilding of roads, schools and clinics damaged in the fighting.",
    "The wounded were taken to the main hospital, where doctors said several were in a "
    "critical condition and the toll could still rise.",
    "The provincial council announced three days of mourning and ordered flags to be "
    "flown at half mast on public buildings.",
    "Aid agencies said the violence had forced dozens of families to leave their homes "
    "again, only months after they returned.",
    "A curfew was imposed for the rest of the day while forces searched nearby farms and "
    "orchards for suspects.",
    "Witnesses described a loud blast followed by gunfire that lasted for about twenty "
    "minutes before the area was sealed off.",
    "Officials said the attackers appeared to have used back roads to avoid checkpoints "
    "on the main highway.",
    "Electricity and mobile phone networks were cut in parts of the district for several "
    "hours after the incident.",
    "The interior ministry said an investigation had been opened and that several people "
    "had been detained for questioning.",
    "Tribal fighters who joined the security forces in the area said they lacked "
    "vehicles, radios and regular pay.",
    "Farmers in surrounding villages said they no longer dare to work their fields after "
    "dark because of the risk of ambushes.",
    "The road linking the town to the provincial capital was closed to traffic while "
    "engineers checked it for further devices.",
    "A spokesman for the joint operations command said the security situation was under "
    "control and urged residents to report anything suspicious.",
    "Schools in the district were closed the following day as a precaution, local "
    "education officials said.",
    "Human rights groups have called for an independent inquiry into the treatment of "
    "detainees held after such incidents.",
    "Analysts say the militants have shifted to hit-and-run tactics since losing the "
    "territory they once held in the region.",
    "The United Nations mission in the country said in its monthly report that civilian "
    "casualties remained high in several provinces.",
)

PROTEST_CONTEXT = (
    "Organisers said they would return every week until their demands were met.",
    "Protesters carried banners criticising corruption and chanted slogans against "
    "local officials.",
    "Police watched from nearby streets but did not intervene, witnesses said.",
    "Summer temperatures above forty-five degrees make the power cuts especially hard "
    "to bear, residents told reporters.",
    "The provincial governor said a committee would study the demands and report within a month.",
    "Similar rallies have taken place in other towns in recent weeks, mostly led by "
    "young people without work.",
    "Shops in the main street closed early as the crowd grew in the afternoon.",
    "Local council members met a delegation of protesters and promised new generators.",
    "Some of the marchers said they had not received their salaries for three months and "
    "could no longer pay rent or school fees.",
    "Traffic police closed two main roads for several hours to let the march pass, and "
    "most government offices sent their staff home early.",
    "A spokesman for the organisers said the movement had no political affiliation and "
    "asked all parties to stay away from the rallies.",
    "Students from the local university joined the crowd in the afternoon, carrying "
    "signs that called for jobs for graduates.",
)

CLOSERS = (
    "The {gov} governor condemned the attack and promised to find those responsible.",
    "Lawmakers from {gov} province urged Baghdad to review security plans for the area.",
    "Tensions remain high across {gov} province, where several similar incidents have been "
    "reported in recent weeks.",
    "Security in {gov} has improved overall this year, but attacks of this kind continue.",
)

PROTEST_CLOSERS = (
    "Officials in {gov} province said more money for services had been requested.",
    "The protest was the largest in {gov} province so far this year.",
)

BEARINGS = ("north", "south", "east", "west", "north-east", "south-west")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six")


def load_places() -> list[SynthPlace]:
    """Places of the bundled gazetteer that events can happen at, in a fixed order."""
    from mapper.gazetteer import Gazetteer

    places: list[SynthPlace] = []
    seen: set[str] = set()
    for place in sorted(Gazetteer.default(), key=lambda p: p.id):
        if (place.feature_type or "").lower() not in SETTLEMENT_TYPES:
            continue
        name = place.name.strip()
        if not name or not name.isascii() or name in seen or len(name) < 3:
            continue
        seen.add(name)
        weight = 1.0 + (place.population or 0) ** 0.5 / 100.0
        places.append(SynthPlace(name=name, admin1=place.admin1, weight=weight))
    if not places:
        raise SystemExit("the gazetteer has no settlements to build reports from")
    return places


def _when(day: dt.date, rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return WEEKDAYS[day.weekday()]
    if style == 1:
        return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]}"
    return f"{MONTHS[day.month - 1]} {day.day}"


def _event(rng: random.Random, places: Sequence[SynthPlace], weights: Sequence[float]) -> Event:
    kind = rng.choice(tuple(HEADLINES))
    place = rng.choices(places, weights=weights, k=1)[0]
    day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    killed = 0 if kind == "protest" else rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 21))
    wounded = 0 if kind == "protest" else rng.choice((2, 3, 5, 7, 9, 11, 14, 20, 30))
    return Event(kind=kind, place=place, day=day, killed=killed, wounded=wounded,
                 actor=rng.choice(ACTORS))  # fmt: skip


def _report(
    event: Event, *, rng: random.Random, other: SynthPlace, index: int, seed: int
) -> dict[str, str]:
    gov = event.place.admin1 or "the"
    fields = {
        "place": event.place.name,
        "other": other.name,
        "killed": str(event.killed),
        "killed_word": NUMBER_WORDS[min(event.killed // 2, len(NUMBER_WORDS) - 1)],
        "wounded": str(event.wounded),
        "actor": event.actor,
        "gov": gov,
        "when": _when(event.day, rng),
        "km": str(rng.choice((5, 10, 15, 20, 30))),
        "bearing": rng.choice(BEARINGS),
    }
    title = rng.choice(HEADLINES[event.kind]).format(**fields)
    title = title[0].upper() + title[1:]
    lead = rng.choice(LEADS[event.kind]).format(**fields)
    if rng.random() < 0.4:  # a wire-style dateline, which ingest must strip
        town = rng.choice((event.place, other)).name.upper()
        month = MONTHS[event.day.month - 1][:3]
        outlet = rng.choice(OUTLETS)
        lead = f"{town}, {month} {event.day.day} ({outlet}) - {lead}"
    paragraphs = [lead]
    protest = event.kind == "protest"
    if not protest:
        paragraphs.append(rng.choice(DETAILS).format(**fields))
    target = rng.randint(1000, 2900)
    context = list(PROTEST_CONTEXT if protest else CONTEXT)
    rng.shuffle(context)
    closer = rng.choice(PROTEST_CLOSERS if protest else CLOSERS).format(**fields)
    size = len(title) + sum(len(p) + 2 for p in paragraphs) + len(closer)
    for sentence in context:
        if size + len(sentence) > target and size >= 1050:
            break
        paragraphs.append(sentence)
        size += len(sentence) + 2
    paragraphs.append(closer)
    published = event.day + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
    return {
        "id": f"syn-{seed}-{index:07d}",
        "title": title,
        "text": "\n\n".join(paragraphs),
        "published": published.isoformat(),
        "source": rng.choice(OUTLETS),
    }


def generate(
    n: int,
    *,
    seed: int = 0,
    places: Sequence[SynthPlace] | None = None,
    retell_share: float = 0.25,
) -> Iterator[dict[str, str]]:
    """Yield ``n`` synthetic reports as JSONL-ready dicts (``id``, ``title``, ``text``, ...).

    Parameters
    ----------
    n : int
        How many reports.
    seed : int
        Same seed, same reports.
    places : sequence of SynthPlace, optional
        Where events happen; the bundled gazetteer's settlements by default.
    retell_share : float
        Share of reports that re-tell a recent event (another outlet, other words).
    """
    chosen = list(places) if places is not None else load_places()
    weights = [p.weight for p in chosen]
    rng = random.Random(seed)
    recent: list[Event] = []
    for index in range(n):
        if recent and rng.random() < retell_share:
            event = rng.choice(recent)
        else:
            event = _event(rng, chosen, weights)
            recent.append(event)
            if len(recent) > 50:
                recent.pop(0)
        other = rng.choices(chosen, weights=weights, k=1)[0]
        yield _report(event, rng=rng, other=other, index=index, seed=seed)


def write_jsonl(path: str | Path, n: int, *, seed: int = 0) -> Path:
    """Write ``n`` reports to ``path`` as JSONL (one article per line) and return it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    places = load_places()
    with target.open("w", encoding="utf-8") as fh:
        for record in generate(n, seed=seed, places=places):
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
            fh.write("\n")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    path = write_jsonl(args.out, args.n, seed=args.seed)
    print(f"wrote {args.n} reports to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
