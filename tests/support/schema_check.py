"""Every API response the test suite produces is checked against the OpenAPI document of `/api/schema/`.

A pytest plugin (registered in `tests/conftest.py`, on for the whole suite): it wraps Django's test
`Client.request` (DRF's `APIClient` goes through it too) and, for each JSON response under `/api/v1/`
whose status the schema documents for that operation, validates the body with `jsonschema` against the
documented schema. A violation fails the test with the method, path, status and the schema error. An
operation missing from the schema, or a documented status answered for an undocumented 2xx, fails too.

The schema is generated once per session (the same generator and URLs as `/api/schema/`), converted from OpenAPI
3.0 to JSON Schema 2020-12 (`nullable: true` becomes "or null") and one validator is kept per response
definition. Error answers are documented for every operation by `common.api_schema` and checked the same way.

Opting out, for a test that deliberately produces an off-schema answer: `@pytest.mark.no_schema_check`.
"""
from __future__ import annotations

import json
import re
import threading
from functools import cache
from typing import Any

import pytest

API_PREFIX = "/api/v1/"
_violations: list[str] = []
_state: dict[str, Any] = {"off": False, "urlconf": None}


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, as `/api/schema/` serves it (generated once per session)."""
    from django.conf import settings
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    # The project's URLs, even when the first API response comes from a test with its own (pytest.mark.urls).
    urlconf = _state["urlconf"] or settings.ROOT_URLCONF
    with translation.override("en"):
        schema = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    return json.loads(json.dumps(schema, default=str))  # lazy strings and Decimals to plain JSON


def to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema object -> JSON Schema 2020-12 (`nullable` -> also null)."""
    if isinstance(node, list):
        return [to_json_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k not in ("nullable", "discriminator", "example")}
    if node.get("nullable"):
        if isinstance(out.get("type"), str) and "$ref" not in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@cache
def _components() -> dict[str, Any]:
    return to_json_schema(openapi_document().get("components", {}))


@cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    """(regex, path template) for each path of the schema, literal paths before templated ones."""
    routes = []
    for template in openapi_document()["paths"]:
        regex = re.escape(template)
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", regex)
        routes.append((re.compile(f"^{regex}$"), template))
    routes.sort(key=lambda r: r[1].count("{"))
    return routes


def find_operation(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    for regex, template in _routes():
        if regex.match(path):
            operation = openapi_document()["paths"][template].get(method.lower())
            if operation is not None:
                return template, operation
    return None


@cache
def _validator(template: str, method: str, status: str) -> Any:
    from jsonschema import Draft202012Validator

    operation = openapi_document()["paths"][template][method]
    content = operation["responses"][status].get("content", {})
    schema = next((c["schema"] for t, c in content.items() if "json" in t and "schema" in c), None)
    if schema is None:
        return None
    root = {"allOf": [to_json_schema(schema)], "components": _components()}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_response(method: str, path: str, response: Any) -> str | None:
    """A description of the schema violation of this response, or None when it conforms."""
    if not path.startswith(API_PREFIX) or method.upper() in ("HEAD", "OPTIONS"):
        return None
    content_type = response.get("Content-Type", "") if hasattr(response, "get") else ""
    if "json" not in content_type or getattr(response, "streaming", False):
        return None
    found = find_operation(method, path)
    status = response.status_code
    if found is None:
        return f"{method} {path} -> {status}: the operation is not in the schema" if status < 300 else None
    template, operation = found
    responses = operation.get("responses", {})
    key = str(status) if str(status) in responses else ("default" if "default" in responses else None)
    if key is None:
        if 200 <= status < 300:
            return f"{method} {path} -> {status}: status not documented (documented: {', '.join(responses)})"
        return None
    validator = _validator(template, method.lower(), key)
    if validator is None:
        return None
    try:
        body = json.loads(response.content or b"null")
    except ValueError as exc:
        return f"{method} {path} -> {status}: not JSON ({exc})"
    error = next(iter(sorted(validator.iter_errors(body), key=lambda e: e.path)), None)
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(body)"
    return f"{method} {path} -> {status} ({template}): at {where}: {error.message}"


def _install() -> None:
    from django.test.client import Client

    original = Client.request
    if getattr(original, "_schema_checked", False):
        return

    def request(self: Client, **environ: Any) -> Any:
        response = original(self, **environ)
        if _state["off"]:
            return response
        problem = check_response(environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", ""), response)
        if problem is not None:
            if threading.current_thread() is threading.main_thread():
                pytest.fail(f"API response does not match /api/schema/: {problem}", pytrace=False)
            _violations.append(problem)
        return response

    request._schema_checked = True  # type: ignore[attr-defined]
    Client.request = request  # type: ignore[method-assign]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_schema_check: do not check this test's API responses against the schema")


@pytest.fixture(autouse=True, scope="session")
def _project_urlconf() -> None:
    """Note the project's URL configuration before any test replaces it."""
    from django.conf import settings

    _state["urlconf"] = settings.ROOT_URLCONF


@pytest.fixture(autouse=True)
def _api_schema_check(_project_urlconf: None, request: pytest.FixtureRequest) -> Any:
    _install()
    _state["off"] = request.node.get_closest_marker("no_schema_check") is not None
    _violations.clear()
    yield
    _state["off"] = False
    if _violations:  # responses checked in other threads (concurrency tests)
        found, _violations[:] = list(_violations), []
        pytest.fail("API responses do not match /api/schema/:\n" + "\n".join(found), pytrace=False)
