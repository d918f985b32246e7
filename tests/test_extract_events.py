from pathlib import Path

import pytest

from mapper.extract.events import (
    TAXONOMY,
    TRIBAL_FIGHT,
    classify,
    event_strength,
    find_cues,
    is_tally,
    map_acled_type,
    victims_are_civilians,
)

DATA = Path(__file__).parent / "data" / "extract" / "events.tsv"


def _cases():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, etype, sub = line.split("\t")
            yield pytest.param(text, etype, sub, id=sub)


def test_taxonomy_has_six_types_and_25_subtypes():
    assert len(TAXONOMY) == 6
    assert sum(len(v) for v in TAXONOMY.values()) == 25


@pytest.mark.parametrize(("text", "etype", "sub"), list(_cases()))
def test_classify(text, etype, sub):
    assert classify(text) == (etype, sub)
    assert sub in TAXONOMY[etype]


def test_killing_suicide_bombers_is_a_battle_not_a_bombing():
    text = "Soldiers killed two suicide bombers before they reached the checkpoint."
    assert classify(text) == ("Battles", "Armed clash")


def test_fresh_killings_at_a_grave_are_not_a_find():
    text = "Militants killed 30 villagers and dumped them in a mass grave."
    assert classify(text, killed=30)[0] == "Violence against civilians"


def test_no_event():
    assert classify("The city is famous for its citadel.") == (None, None)
    assert event_strength("The city is famous for its citadel.") == 0
    assert event_strength("A car bomb killed five people.") >= 2


@pytest.mark.parametrize(
    ("text", "is_event"),
    [
        ("Baiji was recaptured from the jihadists in 2015.", False),
        ("Since late 2016, militants have attacked the road dozens of times.", False),
        ("Back in 2007, a truck bomb killed scores of people in the market.", False),
        ("Troops stormed Hit, which the militants seized in 2014, on Tuesday.", True),
        ("A truck bomb killed five people in the market on 2 May 2017.", True),
        ("The minister toured the old city, which was ruined in the battle in 2017.", False),
        ("The minister toured the old city, which was ruined in fighting in 2017.", False),
    ],
)
def test_a_bare_year_marks_background_history(text, is_event):
    assert (event_strength(text) > 0) is is_event


def test_who_takes_control_decides_the_territorial_sub_event():
    assert classify("Federal police later took control of the district.")[1] == (
        "Government regains territory"
    )
    assert classify("Jihadists took control of the district.")[1] == (
        "Non-state actor overtakes territory"
    )


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Two tribesmen were killed in clashes between rival clans over water rights.",
         "Armed clash"),
        ("Police dismantled a kidnapping ring and arrested five of its members.", "Arrests"),
        ("Militants destroyed three houses of village elders.", "Looting/property destruction"),
    ],
)  # fmt: skip
def test_who_fights_and_what_is_destroyed(text, sub):
    assert classify(text)[1] == sub


def test_destroying_the_militants_own_hideouts_is_not_property_destruction():
    assert classify("Troops destroyed four militant hideouts in the desert.")[1] != (
        "Looting/property destruction"
    )


def test_cues_have_offsets():
    text = "Gunmen kidnapped a driver."
    (cue,) = [c for c in find_cues(text) if c.kind == "abduction"]
    assert text[cue.start : cue.end] == cue.text == "kidnapped"


def test_victims():
    assert victims_are_civilians("Militants killed three farmers.")
    assert not victims_are_civilians("Militants killed three soldiers.")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Remote violence", "Explosions/Remote violence"),
        ("Battle-No change of territory", "Battles"),
        ("Battle-Government regains territory", "Battles"),
        ("Violence against civilians", "Violence against civilians"),
        ("Riots/Protests", "Protests"),
        ("Strategic development", "Strategic developments"),
        ("Battles", "Battles"),
        ("unknown kind", None),
    ],
)
def test_map_acled_type(old, new):
    assert map_acled_type(old) == new


def test_a_town_retaken_then_cleared_of_bombs_is_a_territorial_gain():
    text = (
        "Soldiers entered the town of Example on Saturday after the militants withdrew. "
        "Engineers were clearing roadside bombs left in the streets."
    )
    assert classify(text) == ("Battles", "Government regains territory")
    assert classify("Engineers were clearing roadside bombs left in the streets.") == (
        "Strategic developments",
        "Disrupted weapons use",
    )


def test_explosive_belts_seized_are_no_suicide_bombing():
    text = "Police arrested four suspects in a raid. Weapons and explosive belts were seized."
    assert classify(text)[1] == "Arrests"
    assert classify("Two explosive vests were seized at a checkpoint.")[1] == (
        "Disrupted weapons use"
    )
    assert classify("A bomber detonated his explosive belt at a checkpoint.")[1] == "Suicide bomb"


def test_a_numbered_strike_report_is_an_air_strike():
    assert classify("Near the border, two strikes destroyed a militant vehicle.")[1] == (
        "Air/drone strike"
    )
    assert classify("Teachers staged two strikes over unpaid wages.")[1] != "Air/drone strike"


def test_a_pattern_of_attacks_is_no_event():
    assert event_strength("Militias have been blamed for similar attacks on the base.") == 0
    assert event_strength("Such attacks killed three soldiers near the base last week.") > 0


def test_fleeing_for_fear_of_attack_is_no_attack():
    assert event_strength("Villagers fled to the town fearing further shelling.") == 0


def test_rival_tribes_fighting_are_a_tribal_fight():
    assert TRIBAL_FIGHT.search("clashes between two rival tribes north of the city")
    assert TRIBAL_FIGHT.search("Two tribes clashed with light weapons over farmland.")


def test_peshmerga_taking_full_control_regain_territory():
    text = "Peshmerga forces said they had taken full control of the town after a siege."
    assert classify(text)[1] == "Government regains territory"


def test_a_suicide_bombing_is_no_battle_for_a_clash_told_as_background():
    text = (
        "A suicide bomber blew himself up among mourners at a funeral, killing seven people. "
        "The funeral was for a tribal fighter killed in clashes with militants a day earlier."
    )
    assert classify(text)[1] == "Suicide bomb"
    # ... but suicide attackers in a battle told first are part of the battle
    text = (
        "Militants stormed government buildings, setting off street battles with police. "
        "Several of the attackers blew themselves up."
    )
    assert classify(text)[1] == "Armed clash"


def test_rockets_that_hit_an_air_base_are_shelling():
    text = "Four rockets struck the air base, wounding two air force technicians."
    assert classify(text)[1] == "Shelling/artillery/missile attack"
    assert classify("Warplanes fired missiles at a convoy.")[1] == "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        "Crowds gathered on Friday to mark four years since militants overran the town.",
        "Mourners laid flowers at a grave near the village, where dozens were shot dead.",
    ],
)
def test_recalling_the_past_is_no_event(text):
    assert event_strength(text) == 0


def test_a_mass_grave_is_an_event_when_found_not_when_visited():
    assert classify("A mass grave with the remains of 30 people was found near the town.")[1] == (
        "Other"
    )
    assert classify("Relatives laid flowers at a mass grave outside the town.") == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Local leaders called on the government to rebuild homes damaged in the fighting.",
        "Security has improved this year, but attacks of this kind continue.",
        "The governor condemned the attack and promised to find those responsible.",
    ],
)
def test_calls_and_generalities_are_no_events(text):
    assert event_strength(text) == 0


def test_fighting_told_apart_from_the_bomb_does_not_make_it_a_battle():
    text = (
        "A roadside bomb exploded as an army patrol passed, killing one soldier. "
        "Leaders asked for help to rebuild schools damaged in the fighting."
    )
    assert classify(text)[1] == "Remote explosive/landmine/IED"


def test_people_neutralised_are_no_weapons_disrupted():
    text = "The ministry said 12 terrorists were 'neutralized' in the mountains."
    assert classify(text)[1] != "Disrupted weapons use"


@pytest.mark.parametrize(
    "text",
    [
        "Guards detained 14 men who had fled the fighting in the valley and held them for weeks.",
        "Police arrested a family fleeing the clashes near the border.",
    ],
)
def test_the_fighting_people_fled_does_not_make_an_arrest_a_battle(text):
    assert classify(text)[1] == "Arrests"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Troops drove the militants out of the last quarters they held in the town.",
            "Government regains territory",
        ),
        ("Soldiers shot dead two militants and dismantled nine explosive devices.", "Armed clash"),
        ("Gunmen abducted and later killed three herders in the desert.", "Attack"),
    ],
)
def test_more_event_shapes(text, sub):
    assert classify(text)[1] == sub


@pytest.mark.parametrize(
    "text",
    [
        "Families of air force cadets killed years ago met the governor on Monday.",
        "The ministry handed the envoy a protest note on Monday.",
        "The interior minister arrived in the city on Monday on an inspection visit.",
    ],
)
def test_cadets_a_protest_note_and_a_minister_s_visit_are_no_events(text):
    assert classify(text)[1] not in {"Air/drone strike", "Peaceful protest"}
    assert classify(text)[1] != "Change to group/activity"


def test_forces_shooting_protesters_use_excessive_force():
    text = "Security forces shot dead 12 protesters near the bridge on Thursday."
    assert classify(text)[1] == "Excessive force against protesters"


def test_a_crowd_gathered_demanding_jobs_protests_and_a_summons_in_protest_does_not():
    assert classify("Hundreds gathered outside the refinery, demanding jobs.")[0] == "Protests"
    assert classify("The ministry summoned the envoy in protest on Monday.") == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The killing is the latest in a wave of attacks on activists in four southern cities.",
        "An official said Iranian guns have repeatedly shelled the valley in recent months.",
        "The cleric called on his followers to take part in a large demonstration on Friday.",
    ],
)
def test_a_wave_a_habit_and_a_call_to_protest_are_no_events(text):
    assert event_strength(text) == 0


def test_a_habit_told_beside_a_death_does_not_hide_the_death():
    text = (
        "A shepherd was killed when mortar rounds hit his field, and militants have "
        "repeatedly shelled the area."
    )
    assert event_strength(text) > 0


def test_strikes_conducted_are_air_strikes_and_a_protest_s_object_is_no_event():
    assert classify("Coalition forces conducted 4 strikes near the town.")[1] == "Air/drone strike"
    assert classify("Residents gathered to protest against the shelling.")[1] == "Peaceful protest"


def test_a_council_member_shot_dead_is_a_civilian_attacked():
    text = "Gunmen shot dead a member of the district council outside his home."
    assert classify(text)[1] == "Attack"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "The militants seized the city on Sunday after a wave of suicide car bombs.",
            "Non-state actor overtakes territory",
        ),
        (
            "Militants tried to overrun the town but were repelled after a long battle.",
            "Armed clash",
        ),
        ("Police seized rifles and explosives in a raid on Monday.", "Disrupted weapons use"),
    ],
)
def test_territory_won_with_bombs_and_a_failed_assault(text, sub):
    assert classify(text)[1] == sub


def test_one_protester_killed_by_a_canister_the_police_fired_is_excessive_force():
    text = "One protester was killed on Monday when a tear gas canister fired by police hit him."
    assert classify(text)[1] == "Excessive force against protesters"


def test_a_group_s_deaths_over_decades_are_a_tally():
    assert is_tally(
        "In its 30-year campaign the group has been responsible for the deaths of 40,000 people."
    )


@pytest.mark.parametrize(
    "text",
    [
        "It was the most recent in a spate of assassinations that has hit three towns.",
        "The army is massing troops north of the city ahead of an expected assault.",
    ],
)
def test_a_spate_and_an_assault_expected_are_no_events(text):
    assert event_strength(text) == 0


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Soldiers chased the militants out of the town on Tuesday.",
            "Government regains territory",
        ),
        ("Gunmen seized two herders on Monday and later executed them.", "Attack"),
    ],
)
def test_chased_out_and_seized_then_executed(text, sub):
    assert classify(text)[1] == sub


def test_a_memorandum_of_protest_is_no_protest():
    assert classify("The ministry handed the envoy a memorandum of protest on Monday.") == (
        None,
        None,
    )


def test_separate_attacks_anywhere_in_the_sentence_sum_up():
    from mapper.extract.events import is_roundup

    assert is_roundup("At least seven people died in a string of separate attacks on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "The offensive began on March 2, with fighters advancing from two towns.",
        "Since then, troops have recaptured more than 30 quarters of the city.",
    ],
)
def test_a_campaign_s_start_and_what_it_has_retaken_since_are_background(text):
    assert event_strength(text) == 0


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Gunmen shot dead a well-known protest activist outside his home.", "Attack"),
        ("Masked men seized a protest organiser in the market at night.", None),
    ],
)
def test_a_protest_activist_is_a_person_not_a_protest(text, sub):
    etype, found = classify(text)
    assert etype != "Protests"
    if sub is not None:
        assert found == sub


def test_seizing_an_activist_is_an_abduction():
    assert [c.kind for c in find_cues("Masked men seized an activist near his home.")] == [
        "abduction"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a way of fighting, not one fight
        "The militants have since turned to roadside bombings on the rural roads.",
        "Cells hiding in the orchards keep staging ambushes on army patrols.",
        "Remnants of the group sheltering in the valleys, launching raids on villages.",
        # plans, build-ups and reactions
        "The army is preparing an assault to retake the border town.",
        "The cell was planning bombings in the capital, the ministry said.",
        "Troops were massing on the edge of the desert.",
        "Baghdad summoned the Iranian envoy over shelling of border villages.",
        "The minister hailed the soldiers' role in the battle to free the city.",
        # counts and shipments
        "Officials noted a rising number of kidnappings on the highway.",
        "The brigade took delivery of a shipment of rockets and mortars.",
        # an earlier event the report sets itself after
        "The bombing came a week after troops drove the militants out of the town.",
    ],
)
def test_ways_of_fighting_plans_and_reactions_are_no_events(text):
    assert event_strength(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday the army said it had arrested two men suspected of planning bombings.",
        "On 7 March, troops have carried out raids on three villages, killing four militants.",
        "The minister praised the troops who stormed the village on Sunday, killing nine.",
        "The ambush came a day after a bomb killed two soldiers.",
    ],
)
def test_deeds_told_beside_a_plan_or_a_reaction_stay_events(text):
    assert event_strength(text) > 0


def test_trading_fire_is_a_clash():
    assert classify("Two clans traded fire for hours near the market, leaving one dead.") == (
        "Battles",
        "Armed clash",
    )
