from rest_framework.pagination import LimitOffsetPagination


class PortalPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 10000
