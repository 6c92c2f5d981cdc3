from rest_framework.pagination import LimitOffsetPagination

# Above this the database refuses the OFFSET (SQLite "datatype mismatch", PostgreSQL "bigint out
# of range"): a hostile ?offset= was a 500. An offset past the end is an empty page anyway.
MAX_OFFSET = 2**31 - 1


class PortalPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 10000

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
