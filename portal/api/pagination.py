from rest_framework.pagination import LimitOffsetPagination

# Above this the database refuses the OFFSET (SQLite "datatype mismatch", PostgreSQL "bigint out
# of range"): a hostile ?offset= was a 500. An offset past the end is an empty page anyway.
MAX_OFFSET = 2**31 - 1


class PortalPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 10000

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        # The bounds the portal honours (a larger limit is cut to max_limit, a larger offset to MAX_OFFSET).
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
