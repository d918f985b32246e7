import pytest

from mapper.extract.claims import claim_span, claim_status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The group said in a statement on its Amaq outlet that it carried out the raid.",
            "claimed",
        ),
        ("The militants claimed responsibility for the bombing.", "claimed"),
        ("The broadcaster said it could not confirm the account.", "unconfirmed"),
        ("We could not independently verify the footage.", "unconfirmed"),
        ("The figures are unverified.", "unconfirmed"),
        ("An anonymous source said dozens died.", "unconfirmed"),
        ("A source who asked not to be named said so.", "unconfirmed"),
        ("Police said two people were killed.", "reported"),
        ("No group has claimed responsibility for the bombing.", "reported"),
        ("The channel was not able to independently verify the footage.", "unconfirmed"),
        ("The group claimed on Friday that its fighters had killed four guards.", "claimed"),
        ("Islamic State claimed the Hilla bombing in an online statement.", "claimed"),
        ("", "reported"),
    ],
)
def test_status(text, status):
    assert claim_status(text) == status


def test_unconfirmed_beats_claimed_and_span_points_at_words():
    text = "Amaq said ten soldiers died, but this could not be confirmed."
    found = claim_span(text)
    assert found is not None
    status, start, end = found
    assert status == "unconfirmed"
    assert "confirm" in text[start:end]


def test_a_group_saying_it_carried_out_the_attack_claims_it():
    text = "ISIL said in a statement posted online that it had carried out the bombing."
    assert claim_status(text) == "claimed"


@pytest.mark.parametrize(
    "text",
    [
        "The group said through its Aamaq news agency that one of its fighters set off the bomb.",
        "The bombing was later claimed by the Islamic State group.",
    ],
)
def test_other_spellings_and_the_passive_of_a_claim(text):
    assert claim_status(text) == "claimed"
