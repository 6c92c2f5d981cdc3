from portal.exports import safe_cell


def test_formula_text_is_neutralised_but_numbers_stay_numbers():
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("+1+cmd|x") == "'+1+cmd|x"
    assert safe_cell("-2+3") == "'-2+3"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-1234.50") == "-1234.50"
    assert safe_cell("-1234,50") == "-1234,50"
    assert safe_cell(-12) == -12
    assert safe_cell("Kuopio") == "Kuopio"
