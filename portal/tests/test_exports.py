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


def test_xlsx_cells_take_aware_times_lazy_text_and_objects():
    """A list with a date-time column, a translated label or an object in a cell downloads as XLSX
    (openpyxl refuses aware times and unknown objects: that was a server error)."""
    import datetime as dt
    import io

    from django.utils.translation import gettext_lazy
    from openpyxl import load_workbook

    from portal.exports import xlsx_response

    class Named:
        def __str__(self) -> str:
            return "Kuopio (297)"

    aware = dt.datetime(2026, 1, 15, 10, 30, tzinfo=dt.UTC)
    response = xlsx_response(
        "t.xlsx", ["when", "label", "object", "formula"], [[aware, gettext_lazy("Draft"), Named(), "=1+1"]]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    when, label, named, formula = (cell.value for cell in sheet[2])
    assert when == dt.datetime(2026, 1, 15, 12, 30)  # Europe/Helsinki, UTC+2 in January
    assert isinstance(label, str) and label and named == "Kuopio (297)"
    assert formula == "'=1+1"
