"""The API's error answers in the OpenAPI document (a drf-spectacular postprocessing hook).

Every operation documents the error statuses the API can give, with the body it gives them in: `{"detail": ...}`
for the errors of the request as a whole (`common.api_errors` turns Django's HTML error pages into that form), and
for 400 the field errors of DRF's validation (field name -> messages, nested for items, parties and
conveyances) or a `detail`. Then the schema check of the test suite (`tests/support/schema_check.py`) holds the
error answers to the document too.
"""
from __future__ import annotations

from typing import Any

ERROR_STATUSES = {
    "400": "The request is not valid: the messages name the fields.",
    "401": "No valid credentials (a token or a session).",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not visible to you.",
    "405": "Method not allowed.",
    "409": "The record changed meanwhile, or the request conflicts with its state.",
    "412": "The If-Match version is not the current one.",
    "413": "The request body is too large.",
    "415": "Unsupported media type.",
    "429": "Too many requests: try again later.",
}

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string", "readOnly": True}},
    "required": ["detail"],
    "additionalProperties": True,
}
FIELD_ERRORS = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            {"type": "array"},
            {"type": "object"},
        ],
    },
}


def document_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Add the error statuses, with their bodies, to every operation that does not document them itself."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorDetail", DETAIL)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    detail = {"$ref": "#/components/schemas/ErrorDetail"}
    invalid = {"anyOf": [detail, {"$ref": "#/components/schemas/FieldErrors"}]}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                if status in responses:
                    continue
                schema = invalid if status == "400" else detail
                responses[status] = {"content": {"application/json": {"schema": schema}},
                                     "description": description}
    return result
