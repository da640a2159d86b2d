from patt_app.services.accounts.invites import (
    INVITE_ALPHABET,
    generate_code,
    normalise_code,
    registration_link,
)


def test_codes_are_eight_unambiguous_characters():
    codes = {generate_code() for _ in range(2000)}
    assert len(codes) == 2000, "random codes do not repeat"
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(INVITE_ALPHABET)
    assert not set("0O1IL") & set(INVITE_ALPHABET)
    used = set("".join(codes))
    assert used == set(INVITE_ALPHABET), "every letter of the alphabet turns up"


def test_typed_codes_are_normalised():
    assert normalise_code(" abcd-efgh ") == "ABCDEFGH"


def test_registration_link_carries_the_code():
    assert registration_link("https://patt.example/", "ABCDEFGH") == (
        "https://patt.example/register?code=ABCDEFGH"
    )
