from patt_app.services.players.roster import armory_url


def test_armory_link_for_a_plain_name():
    assert armory_url("senjin", "Trogdor") == (
        "https://worldofwarcraft.blizzard.com/en-us/character/us/senjin/trogdor"
    )


def test_armory_link_url_encodes_non_ascii_names():
    assert armory_url("senjin", "Zatañña") == (
        "https://worldofwarcraft.blizzard.com/en-us/character/us/senjin/zata%C3%B1%C3%B1a"
    )


def test_armory_link_drops_apostrophes_from_realm_slugs():
    assert armory_url("Sen'jin", "Trogdor").endswith("/us/senjin/trogdor")
