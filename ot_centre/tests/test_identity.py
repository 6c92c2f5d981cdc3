"""Personal identity codes: valid check character refused, invalid accepted, every century sign."""

import pytest

from ot_centre.identity import CENTURY_SIGNS, check_character, contains_identity_code, find_identity_codes


def _code(sign: str, birth="131052", individual="308") -> str:
    return f"{birth}{sign}{individual}{check_character(birth, individual)}"


def test_rule_matches_the_published_examples():
    # dvv.fi examples: 131052-308T, and the 2023 reform's 010594Y9021 / 010594Y9032.
    assert check_character("131052", "308") == "T"
    assert find_identity_codes("a 010594Y9021 b 010594Y9032 c") == ["010594Y9021", "010594Y9032"]


@pytest.mark.parametrize("sign", list(CENTURY_SIGNS))
def test_every_century_sign_with_a_valid_check_character_is_found(sign):
    code = _code(sign)
    assert find_identity_codes(f"Asiakas {code} tarvitsee apua.") == [code]
    assert contains_identity_code(code.lower())


@pytest.mark.parametrize("sign", list(CENTURY_SIGNS))
def test_a_wrong_check_character_is_ordinary_text(sign):
    right = check_character("131052", "308")
    wrong = "U" if right != "U" else "V"
    assert not contains_identity_code(f"viite 131052{sign}308{wrong}")


def test_look_alikes_are_not_codes():
    assert not contains_identity_code("131052G308T")  # G is not a century sign
    assert not contains_identity_code("991352-308T")  # no month 13
    assert not contains_identity_code("X131052-308T")  # part of a longer token
    assert sorted(CENTURY_SIGNS) == sorted("+-ABCDEFYXWVU")
