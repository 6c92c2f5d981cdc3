from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

# Above this the database refuses the OFFSET (SQLite "datatype mismatch", PostgreSQL "bigint out
# of range"): a hostile ?offset= was a 500. An offset past the end is an empty page anyway.
MAX_OFFSET = 2**31 - 1


class PortalPagination(LimitOffsetPagination):
    """``limit``/``offset`` as the schema states them: whole numbers, ``limit`` at least 1 and
    ``offset`` at least 0, or 400 naming the parameter (DRF's own pagination silently used the
    default for ``?limit=abc`` or ``?offset=-5``, so a client's mistake read as the first page).
    Sent empty they mean "not given" (``allowEmptyValue``)."""

    default_limit = 50
    max_limit = 10000

    def _whole_number(self, request: Any, name: str, minimum: int, maximum: int, default: int) -> int:
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [_("Enter a whole number.")]}) from None
        if value < minimum or value > maximum:
            raise ValidationError(
                {name: [_("Enter a whole number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}]}
            )
        return value

    def get_limit(self, request: Any) -> int:
        return self._whole_number(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request: Any) -> int:
        return self._whole_number(request, self.offset_query_param, 0, MAX_OFFSET, 0)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
