import pytest

from mapper.extract.actors import (
    CIVILIANS,
    IRAQ_MILITARY,
    IRAQ_POLICE,
    ISLAMIC_STATE,
    PROTESTERS,
    UNIDENTIFIED,
    assign_actors,
    find_actors,
    names_culprit,
)

PMF = "Military Forces of Iraq (2014-) Popular Mobilization Forces"
USA = "Military Forces of the United States (2017-2021)"
COALITION = "Global Coalition Against Daesh"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("IS fighters", ISLAMIC_STATE),
        ("ISIS", ISLAMIC_STATE),
        ("ISIL", ISLAMIC_STATE),
        ("Daesh", ISLAMIC_STATE),
        ("the Islamic State group", ISLAMIC_STATE),
        ("the jihadists", ISLAMIC_STATE),
        ("Iraqi army", IRAQ_MILITARY),
        ("ISF", IRAQ_MILITARY),
        ("federal police", IRAQ_POLICE),
        ("Hashd al-Shaabi", PMF),
        ("Hashed al-Shaabi", PMF),
        ("the Popular Mobilisation Units", PMF),
        ("PMF", PMF),
        ("the US-led coalition", "Global Coalition Against Daesh"),
        ("Turkish warplanes", "Military Forces of Turkey (2016-)"),
        ("PKK", "PKK: Kurdistan Workers Party"),
        ("PKK guerrillas", "PKK: Kurdistan Workers Party"),
        ("Iraqi F-16 jets", IRAQ_MILITARY),
        ("Islamic State gunmen", ISLAMIC_STATE),
        ("suspected Islamic State attackers", ISLAMIC_STATE),
        ("unknown gunmen", UNIDENTIFIED),
        ("protesters", PROTESTERS),
        ("Iraqi special forces", "Military Forces of Iraq (2014-) Counter-Terrorism Service"),
        ("US special forces", "Global Coalition Against Daesh"),
    ],
)
def test_aliases(text, name):
    (found,) = find_actors(text)
    assert found.name == name
    assert text[found.start : found.end] == found.text


def test_no_actor_in_a_possessive_phrase():
    assert find_actors("the ISIS stronghold") == []
    assert find_actors("Daesh-held territory") == []


def test_active_and_passive_voice():
    a1, a2, m1, _ = assign_actors("Daesh fighters attacked a police checkpoint.")
    assert (a1, a2) == (ISLAMIC_STATE, IRAQ_POLICE)
    assert m1 is not None and m1.text == "Daesh fighters"
    a1, a2, *_ = assign_actors(
        "A farmer was killed by a bomb planted by IS militants.",
        sub_event_type="Remote explosive/landmine/IED",
        victim_group="civilians",
    )
    assert (a1, a2) == (ISLAMIC_STATE, CIVILIANS)


def test_defaults_by_event_kind():
    a1, a2, *_ = assign_actors(
        "A roadside bomb exploded near a market.", sub_event_type="Remote explosive/landmine/IED"
    )
    assert a1 == UNIDENTIFIED
    a1, a2, *_ = assign_actors(
        "Hundreds of teachers gathered in the square.", sub_event_type="Peaceful protest"
    )
    assert (a1, a2) == (PROTESTERS, None)
    a1, a2, *_ = assign_actors("Police dismantled a bomb.", sub_event_type="Disrupted weapons use")
    assert (a1, a2) == (IRAQ_POLICE, None)


def test_a_named_group_with_its_generic_noun_is_one_actor():
    # "gunmen" after the group's name is the group, not a second, unidentified one
    a1, a2, *_ = assign_actors(
        "Islamic State gunmen abducted two farmers near the river.",
        sub_event_type="Abduction/forced disappearance",
    )
    assert (a1, a2) == (ISLAMIC_STATE, CIVILIANS)


def test_passive_victims_and_the_when_clause_agent():
    a1, a2, *_ = assign_actors(
        "Two policemen were killed when Daesh fighters stormed their checkpoint at dawn.",
        sub_event_type="Armed clash",
    )
    assert (a1, a2) == (ISLAMIC_STATE, IRAQ_POLICE)


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Three soldiers were wounded in an IS mortar attack on their post.", IRAQ_MILITARY),
        ("A policeman was killed in clashes with Daesh fighters near the dam.", IRAQ_POLICE),
        ("Two soldiers were hurt by a blast. IS militants were thought to be behind it.",
         IRAQ_MILITARY),
    ],
)  # fmt: skip
def test_passive_victims_and_the_named_attacker(text, victim):
    a1, a2, *_ = assign_actors(text, sub_event_type="Armed clash")
    assert (a1, a2) == (ISLAMIC_STATE, victim)


def test_gunmen_said_to_belong_to_a_group_are_that_group():
    a1, a2, *_ = assign_actors(
        "Gunmen thought to belong to Daesh kidnapped three shepherds on Friday.",
        sub_event_type="Abduction/forced disappearance",
    )
    assert (a1, a2) == (ISLAMIC_STATE, CIVILIANS)


def test_tribes_fighting_each_other_are_communal_militias():
    a1, _, *_ = assign_actors(
        "Clashes between two tribes north of the city killed three tribesmen.",
        sub_event_type="Armed clash",
    )
    assert a1 == "Unidentified Communal Militia (Iraq)"


def test_the_acronym_is_is_not_a_passive_verb():
    a1, a2, *_ = assign_actors(
        "On 2 May, IS targeted a wedding party with a bomb, wounding four civilians.",
        sub_event_type="Remote explosive/landmine/IED",
    )
    assert (a1, a2) == (ISLAMIC_STATE, CIVILIANS)


def test_of_alone_does_not_make_an_agent():
    a1, a2, *_ = assign_actors(
        "A blast hit a depot of the Hashd al-Shaabi near the town.",
        sub_event_type="Remote explosive/landmine/IED",
    )
    assert a1 == UNIDENTIFIED and a2 == PMF


def test_who_claims_the_attack_is_actor_1():
    text = "A bomb tore through a bus station on Friday. The Islamic State claimed responsibility."
    a1, *_ = assign_actors(text, sub_event_type="Remote explosive/landmine/IED")
    assert a1 == ISLAMIC_STATE
    text = "A bomb tore through a bus station on Friday. Nobody claimed responsibility."
    a1, *_ = assign_actors(text, sub_event_type="Remote explosive/landmine/IED")
    assert a1 == UNIDENTIFIED


def test_excessive_force_puts_the_force_first():
    text = "Police opened fire on demonstrators outside the council, killing one of them."
    a1, a2, *_ = assign_actors(text, sub_event_type="Excessive force against protesters")
    assert (a1, a2) == (IRAQ_POLICE, PROTESTERS)
    # no force named: actor 1 stays unknown, never invented
    a1, a2, *_ = assign_actors(
        "A demonstrator was shot dead during the march.",
        sub_event_type="Excessive force against protesters",
    )
    assert (a1, a2) == (None, PROTESTERS)


def test_bare_militants_follow_the_article():
    text = "Militants attacked an army post."
    assert assign_actors(text, militants=ISLAMIC_STATE)[0] == ISLAMIC_STATE
    assert assign_actors(text)[0] == UNIDENTIFIED


def test_empty():
    assert find_actors("") == []
    assert assign_actors("") == (None, None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets landed near the embassy overnight, the Iraqi army said.",
        "Two rockets landed near the embassy overnight, according to the police.",
        "Two rockets landed near the embassy. The army said the rockets came from the east.",
    ],
)
def test_who_tells_of_the_event_is_no_party_to_it(text):
    a1, a2, *_ = assign_actors(text, sub_event_type="Shelling/artillery/missile attack")
    assert (a1, a2) == (UNIDENTIFIED, None)


def test_a_speaker_who_tells_of_its_own_deed_stays_a_party():
    a1, *_ = assign_actors("Police said they arrested three suspects.", sub_event_type="Arrests")
    assert a1 == IRAQ_POLICE


def test_a_battle_s_second_side_is_armed():
    text = (
        "Iraqi troops freed two farmers held by IS militants. "
        "The troops stormed the hideout and killed two militants."
    )
    a1, a2, *_ = assign_actors(text, sub_event_type="Armed clash")
    assert (a1, a2) == (IRAQ_MILITARY, ISLAMIC_STATE)


def test_an_actor_named_by_its_weapon_is_the_subject():
    a1, a2, *_ = assign_actors(
        "Turkish shelling hit two villages near the border.",
        sub_event_type="Shelling/artillery/missile attack",
    )
    assert (a1, a2) == ("Military Forces of Turkey (2016-)", None)


def test_an_opening_phrase_s_comma_does_not_make_the_subject_a_speaker():
    a1, *_ = assign_actors(
        "On Monday, security forces said they had defused two bombs near the market.",
        sub_event_type="Disrupted weapons use",
    )
    assert a1 == IRAQ_MILITARY


def test_civilians_hit_in_the_passive_and_who_hit_them():
    a1, a2, *_ = assign_actors(
        "Three farmers were wounded when Turkish artillery shelled their fields.",
        sub_event_type="Shelling/artillery/missile attack",
        victim_group="civilians",
    )
    assert (a1, a2) == ("Military Forces of Turkey (2016-)", CIVILIANS)


def test_an_attack_named_after_a_preposition_is_not_the_clause_s_verb():
    a1, a2, *_ = assign_actors(
        "Soldier dies of his wounds after the Daquq attack "
        "Two soldiers were killed when militants attacked their post.",
        sub_event_type="Armed clash",
    )
    assert (a1, a2) == (UNIDENTIFIED, IRAQ_MILITARY)


def test_the_two_sides_of_clashes_between_them():
    text = (
        "Clashes broke out between IS militants and PMF fighters east of the town. "
        "Two IS militants and one PMF fighter were killed."
    )
    a1, a2, *_ = assign_actors(text, sub_event_type="Armed clash")
    assert (a1, a2) == (ISLAMIC_STATE, PMF)


def test_a_headline_s_bare_passive_and_the_strikes_owner():
    a1, a2, *_ = assign_actors(
        "Five PMF fighters killed in US strikes near the border", sub_event_type="Air/drone strike"
    )
    assert (a1, a2) == (USA, PMF)


def test_a_grenade_thrown_at_a_policeman_s_house_was_not_thrown_by_police():
    a1, a2, *_ = assign_actors(
        "A hand grenade was thrown at the house of a police officer, causing damage.",
        sub_event_type="Grenade",
    )
    assert (a1, a2) == (UNIDENTIFIED, IRAQ_POLICE)


def test_a_battle_with_one_side_named_has_the_militants_on_the_other():
    a1, a2, *_ = assign_actors(
        "Police foiled an attack by two suicide bombers on a checkpoint, killing both.",
        sub_event_type="Armed clash",
    )
    assert (a1, a2) == (IRAQ_POLICE, UNIDENTIFIED)


def test_the_teller_of_its_own_deed_is_a_side():
    text = "The army said on Thursday that its units had recaptured the village."
    assert assign_actors(text, sub_event_type="Government regains territory")[0] == IRAQ_MILITARY


def test_a_force_that_tells_of_its_arrests_made_them():
    text = "Police said the suspects were arrested at a farm outside the town."
    assert assign_actors(text, sub_event_type="Arrests")[0] == IRAQ_POLICE


def test_forces_named_together_are_one_side():
    text = "Federal police and army units took control of the village on Friday."
    a1, a2, _, _ = assign_actors(text, sub_event_type="Government regains territory")
    assert a1 == IRAQ_POLICE and a2 != IRAQ_MILITARY


def test_the_place_a_bomber_blew_himself_up_is_the_target_not_the_attacker():
    text = "A suicide bomber blew himself up at an army checkpoint, killing seven soldiers."
    a1, a2, _, _ = assign_actors(text, sub_event_type="Suicide bomb")
    assert (a1, a2) == (UNIDENTIFIED, IRAQ_MILITARY)


def test_they_hashed_out_a_deal_names_no_militia():
    assert find_actors("The two leaders hashed out a deal.") == []


def test_a_uniform_is_a_disguise_not_a_side():
    text = "Gunmen in army uniforms abducted a driver at a fake checkpoint."
    a1, a2, _, _ = assign_actors(text, sub_event_type="Abduction/forced disappearance")
    assert (a1, a2) == (UNIDENTIFIED, CIVILIANS)


def test_who_found_the_bodies_did_not_kill():
    text = "Police found the bodies of three men dumped near the river."
    a1, _, _, _ = assign_actors(text, sub_event_type="Attack")
    assert a1 == UNIDENTIFIED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a Turkish soldier", "Military Forces of Turkey (2016-)"),
        ("Shi'ite militiamen", PMF),
    ],
)
def test_more_aliases(text, name):
    assert [a.name for a in find_actors(text)] == [name]


def test_gunmen_believed_to_be_a_group_are_that_group():
    a1, a2, *_ = assign_actors(
        "Gunmen believed to be Islamic State militants seized two herders near the hills.",
        sub_event_type="Abduction/forced disappearance",
    )
    assert (a1, a2) == (ISLAMIC_STATE, CIVILIANS)


def test_the_command_whose_statement_tells_the_bombing_is_not_its_author():
    a1, *_ = assign_actors(
        "A bomber set off his vest among labourers, a statement by the Joint Operations "
        "Command said. Islamic State claimed the attack.",
        sub_event_type="Suicide bomb",
        militants=ISLAMIC_STATE,
    )
    assert a1 == ISLAMIC_STATE


def test_iranian_missiles_and_a_lone_suicide_bomber():
    assert [a.name for a in find_actors("Iranian missiles")] == ["Military Forces of Iran (1989-)"]
    a1, a2, *_ = assign_actors(
        "A suicide bomber drove a car into a police checkpoint, killing six policemen.",
        sub_event_type="Suicide bomb",
    )
    assert (a1, a2) == (UNIDENTIFIED, IRAQ_POLICE)


def test_the_state_force_arrests_not_the_man_arrested():
    a1, *_ = assign_actors(
        "A terrorist was arrested in the city. A force of the army's 8th division arrested him.",
        sub_event_type="Arrests",
    )
    assert a1 == IRAQ_MILITARY


def test_a_force_announcing_the_killing_of_militants_did_it():
    a1, *_ = assign_actors(
        "The army announced on Monday the killing of 12 terrorists near the river.",
        sub_event_type="Armed clash",
    )
    assert a1 == IRAQ_MILITARY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("American jets bombed two depots of the Hashd al-Shaabi on Sunday.", USA),
        ("US strikes hit Kataib Hezbollah positions near the border.", USA),
        ("US warplanes struck Islamic State hideouts in the desert.", COALITION),
        ("Coalition aircraft struck Hashd positions by mistake.", COALITION),
    ],
)
def test_american_strikes_on_a_pmf_faction_are_the_united_states_own(text, expected):
    a1, *_ = assign_actors(text, sub_event_type="Air/drone strike")
    assert a1 == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen shot dead a grocer in his shop. Police said the attackers belonged to an "
            "Islamic State sleeper cell.",
            ISLAMIC_STATE,
        ),
        (
            "Gunmen killed three farmers near the village. The assailants were Islamic State "
            "fighters, a local official said.",
            ISLAMIC_STATE,
        ),
        (
            "Gunmen stormed a house and killed four people in an attack officials blamed on "
            "Islamic State remnants.",
            ISLAMIC_STATE,
        ),
        (
            "Gunmen killed a diplomat in a restaurant. Ankara blamed the PKK for the attack, "
            "which the group denied.",
            UNIDENTIFIED,
        ),
    ],
)
def test_who_did_it_told_after_the_deed(text, expected):
    a1, *_ = assign_actors(text, sub_event_type="Attack")
    assert a1 == expected


def test_a_strike_attributed_to_a_drone_is_its_owner_s():
    a1, *_ = assign_actors(
        "A strike hit a car on the road, killing two. Officials attributed the strike to a "
        "Turkish drone.",
        sub_event_type="Air/drone strike",
    )
    assert a1 == "Military Forces of Turkey (2016-)"


def test_a_force_that_came_under_attack_was_attacked():
    a1, a2, *_ = assign_actors(
        "An army checkpoint came under attack by Islamic State militants, killing two soldiers.",
        sub_event_type="Armed clash",
    )
    assert (a1, a2) == (ISLAMIC_STATE, IRAQ_MILITARY)


@pytest.mark.parametrize(
    "text",
    [
        "Five men were killed when the United States carried out strikes on Kataib Hezbollah.",
        "U.S. Apache helicopters struck a convoy of Kataib Hezbollah near the border.",
    ],
)
def test_the_united_states_by_name(text):
    a1, *_ = assign_actors(text, sub_event_type="Air/drone strike")
    assert a1 == USA


def test_an_activist_attacked_away_from_a_protest_is_a_civilian():
    _, a2, *_ = assign_actors(
        "Gunmen shot dead an activist in the street.", sub_event_type="Attack"
    )
    assert a2 == CIVILIANS


def test_blame_for_other_deeds_names_no_culprit():
    assert names_culprit("Officials blamed the Islamic State for the bombing.")
    assert not names_culprit("Similar attacks in the past were blamed on the Islamic State.")
