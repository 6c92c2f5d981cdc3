"""The API's OpenAPI contract in one place (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``).

drf-spectacular describes the happy path of each view. What every operation of this portal can
also answer comes from shared layers, so it is stated here once, not per view:

- **400** for every operation: ``portal.input_validation`` refuses control characters and overlong
  values in the path or query before any view; serializers, filters and services refuse bad input
  (``portal.api.exceptions``).
- **401** for every operation: an unknown, expired or revoked token is refused whatever the view
  (``portal.identity.authentication``).
- **403** for every operation: no right to write, or a read-only token outside its scope.
- **404** for every operation with a path parameter: an object outside the user's reach is a 404.
- **409** for every write: a refused delete (``blocking`` lists the objects in the way), a stale
  ``version`` (``current`` is the object as it is now) or another conflict a service refuses.
- **429** where the view has a throttle.
- **503** where the operation starts a job (it answers 202): the job is kept while the task
  service is unreachable and dispatched when it returns (``portal.jobs``).

And what drf-spectacular cannot see in a read-only field: a nullable foreign key or column
(``Job.organisation``) is ``nullable``, and a choice column that may be blank lists ``""``.
Query and path parameters state the input layer's rules (no control characters, at most
``MAX_VALUE_CHARS``), and an optional query parameter sent empty means "not given" (django-filter
and the pagination ignore it), which is ``allowEmptyValue``. Reads that the queryset answers for
anonymous visitors (public rows only) declare optional authentication (``{}`` in ``security``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers

from portal.api.permissions import QuerysetPermission
from portal.input_validation import MAX_VALUE_CHARS

# The characters portal.input_validation.CONTROL refuses, as an ECMA-262 pattern for the schema.
NO_CONTROL_CHARACTERS = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"

# Permission classes that let an anonymous visitor read (the queryset then decides what they see).
ANONYMOUS_READ_PERMISSIONS = (QuerysetPermission, permissions.AllowAny, permissions.IsAuthenticatedOrReadOnly)

ERROR_DETAIL = {
    "type": "object",
    "description": "An error with a message for people.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "required": ["detail"],
}
VALIDATION_ERRORS = {
    "type": "object",
    "description": (
        "Refused input: either `detail` (a refused query parameter or request) or the messages per "
        "field name (`non_field_errors` for the whole object), each a list of strings or nested the "
        "same way for nested objects."
    ),
    "additionalProperties": {},
}
CONFLICT = {
    "type": "object",
    "description": (
        "The service refused the change: `blocking` lists the objects that refer to this one (remove "
        "them first); `current` is the object as it is now when the `version` sent was stale."
    ),
    "properties": {
        "detail": {"type": "string"},
        "current": {"type": "object", "nullable": True, "additionalProperties": {}},
        "blocking": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "id": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                    "name": {"type": "string"},
                },
                "required": ["type", "id", "name"],
            },
        },
    },
    "required": ["detail"],
}
TASK_SERVICE_UNAVAILABLE = {
    "type": "object",
    "description": (
        "The job was kept but the task service is unreachable: it starts automatically when the "
        "service is back (see `Retry-After`)."
    ),
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string", "enum": ["task_service_unavailable"]},
        "job": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "kind": {"type": "string"}, "status": {"type": "string"}},
            "required": ["id", "kind", "status"],
        },
        "job_url": {"type": "string", "format": "uri"},
    },
    "required": ["detail", "code", "job", "job_url"],
}

COMPONENTS = {
    "ErrorDetail": ERROR_DETAIL,
    "ValidationErrors": VALIDATION_ERRORS,
    "Conflict": CONFLICT,
    "TaskServiceUnavailable": TASK_SERVICE_UNAVAILABLE,
}
ERROR_RESPONSES = {
    "400": ("ValidationErrors", "Refused input: a query or path parameter, the body or a rule of the service."),
    "401": ("ErrorDetail", "The token is unknown, expired or revoked."),
    "403": ("ErrorDetail", "No right to do this (or a read-only token outside its scope)."),
    "404": ("ErrorDetail", "No such object, or it is outside your reach."),
    "409": ("Conflict", "Refused: other objects refer to this one, the version was stale, or another conflict."),
    "429": ("ErrorDetail", "Too many requests; try again later."),
    "503": ("TaskServiceUnavailable", "The job is kept and starts when the task service is back."),
}


def _model_field_chain(field: serializers.Field) -> list[models.Field] | None:
    """The model fields a serializer field reads through (``started_by.username`` -> two), or None."""
    parent = field.parent
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None or field.source == "*" or not getattr(field, "source_attrs", None):
        return None
    chain = []
    for attr in field.source_attrs:
        if model is None:
            return None
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return None
        chain.append(model_field)
        model = model_field.related_model if model_field.is_relation else None
    return chain


class PortalAutoSchema(AutoSchema):
    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        if (
            auths
            and {} not in auths
            and self.method in permissions.SAFE_METHODS
            and all(isinstance(p, ANONYMOUS_READ_PERMISSIONS) for p in self.view.get_permissions())
        ):
            auths.append({})
        return auths

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            isinstance(schema, dict)
            and isinstance(field, serializers.RelatedField)
            and field.allow_null
            and not field.read_only
        ):
            # DRF reads "" for a nullable relation as null (RelatedField.run_validation), so a blank
            # value is accepted: the schema must not demand at least one character.
            schema.pop("minLength", None)
        if not isinstance(schema, dict) or not isinstance(field, serializers.Field) or not field.read_only:
            return schema
        chain = _model_field_chain(field)
        if not chain:
            return schema
        if any(f.null for f in chain) and not schema.get("nullable"):
            schema = {"allOf": [schema], "nullable": True} if "$ref" in schema else {**schema, "nullable": True}
        last = chain[-1]
        if not (isinstance(last, models.CharField | models.TextField) and last.blank):
            return schema
        if isinstance(field, serializers.ChoiceField) and "" not in schema.get("enum", [""]):
            schema = {**schema, "enum": [*schema["enum"], ""]}
        elif schema.get("type") == "string" and "format" in schema:
            # As drf-spectacular does for a writable field with allow_blank (a blank URL is "", not a URI).
            outer = {"readOnly", "writeOnly", "nullable", "deprecated", "description", "title"}
            inner = {k: v for k, v in schema.items() if k not in outer}
            schema = {k: v for k, v in schema.items() if k in outer}
            schema["oneOf"] = [inner, {"type": "string", "maxLength": 0}]
        return schema

    def _component(self, name: str) -> dict[str, str]:
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=COMPONENTS[name])
        self.registry.register_on_missing(component)
        return component.ref

    def _error_codes(self, operation: dict[str, Any]) -> list[str]:
        codes = ["400", "401", "403"]
        if any(p.get("in") == "path" for p in operation.get("parameters", [])):
            codes.append("404")
        if self.method not in permissions.SAFE_METHODS:
            codes.append("409")
        if self.view.get_throttles():
            codes.append("429")
        if "202" in operation.get("responses", {}):
            codes.append("503")
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        filters = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        for parameter in operation.get("parameters", []):
            self._state_filter_bounds(parameter, filters.get(parameter.get("name")))
            self._state_input_rules(parameter)
        responses = operation.setdefault("responses", {})
        for code in self._error_codes(operation):
            name, description = ERROR_RESPONSES[code]
            response = responses.setdefault(code, {"description": description})
            if not response.get("content"):
                response["content"] = {"application/json": {"schema": self._component(name)}}
            if code == "503":
                response.setdefault("headers", {})["Retry-After"] = {
                    "schema": {"type": "integer"},
                    "description": "Seconds until the kept job is dispatched again.",
                }
        return operation

    @staticmethod
    def _state_filter_bounds(parameter: dict[str, Any], query_filter: Any) -> None:
        """A filter's ``min_value``/``max_value`` (``?year=`` within 1900-2100) as the parameter's
        ``minimum``/``maximum``: the FilterSet refuses what lies outside with a 400."""
        schema = parameter.get("schema")
        if query_filter is None or not isinstance(schema, dict) or parameter.get("in") != "query":
            return
        for option, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
            if query_filter.extra.get(option) is not None:
                schema.setdefault(keyword, query_filter.extra[option])

    @staticmethod
    def _state_input_rules(parameter: dict[str, Any]) -> None:
        schema = parameter.get("schema")
        if not isinstance(schema, dict):
            return
        targets = [schema.get("items")] if schema.get("type") == "array" else [schema]
        for target in targets:
            if isinstance(target, dict) and target.get("type") == "string" and "enum" not in target:
                target.setdefault("pattern", NO_CONTROL_CHARACTERS)
                target["maxLength"] = min(target.get("maxLength", MAX_VALUE_CHARS), MAX_VALUE_CHARS)
        if parameter.get("in") == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True
