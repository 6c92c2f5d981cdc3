"""A person's data report: what the portal keeps about one account, as a PDF for staff to hand out.

Rendered on the shared PDF layout (``templates/pdf/base.html``) in the language asked for, by the
same function the page and the layout test use.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.identity.choices import role_label
from portal.privacy import selectors


def data_report_html(person, *, language: str, by, generated: dt.datetime | None = None) -> str:
    """The report's HTML in ``language`` (the page passes the request's language)."""
    data = selectors.person_data(person)
    with translation.override(language):
        context = {
            **data,
            "role_labels": [role_label(name) for name in data["groups"]],
            "generated": generated or timezone.now(),
            "by": by,
            "language": language,
        }
        return render_to_string("portal/privacy/data_report.html", context)


def data_report_pdf(person, *, language: str, by) -> bytes:
    from portal.pdf import render

    return render(data_report_html(person, language=language, by=by)).write_pdf()
