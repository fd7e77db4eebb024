"""The curl examples of the README's API section, run one by one through the Django test client."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from agencies.choices import Role
from tests.factories import make_member

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"
HEADER_META = {"authorization": "HTTP_AUTHORIZATION", "accept-language": "HTTP_ACCEPT_LANGUAGE"}


def readme_commands() -> list[str]:
    """Every curl command of the api-examples section (continuation lines joined)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- api-examples:start -->", 1)[1].split("<!-- api-examples:end -->", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        # a single-quoted JSON body may span lines: join lines until the quotes balance
        current = ""
        for line in joined.splitlines():
            current = f"{current}\n{line}" if current else line
            if current.count("'") % 2 == 0:
                if current.strip().startswith("curl "):
                    commands.append(current.strip())
                current = ""
    return commands


def parse_curl(command: str, variables: dict[str, str]) -> dict:
    for name, value in variables.items():
        command = command.replace(f"${name}", value)
    args = shlex.split(command)[1:]
    request = {"method": None, "headers": {}, "data": None, "get": False, "urlencoded": [], "url": None,
               "output": None}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "-X":
            request["method"] = args[i + 1]
            i += 1
        elif arg == "-H":
            name, value = args[i + 1].split(":", 1)
            request["headers"][name.strip().lower()] = value.strip()
            i += 1
        elif arg in ("-d", "--data"):
            request["data"] = args[i + 1]
            i += 1
        elif arg == "--data-urlencode":
            request["urlencoded"].append(tuple(args[i + 1].split("=", 1)))
            i += 1
        elif arg in ("-G", "--get"):
            request["get"] = True
        elif arg == "-o":
            request["output"] = args[i + 1]
            i += 1
        elif arg.startswith("-"):
            raise AssertionError(f"unsupported curl option {arg} in the README")
        else:
            request["url"] = arg
        i += 1
    if request["method"] is None:
        request["method"] = "POST" if request["data"] and not request["get"] else "GET"
    return request


def run(client: APIClient, request: dict):
    parts = urlsplit(request["url"])
    assert parts.netloc == "127.0.0.1:8000", request["url"]
    query = parts.query
    if request["urlencoded"]:
        query = "&".join(filter(None, [query, urlencode(request["urlencoded"])]))
    path = parts.path + (f"?{query}" if query else "")
    extra = {HEADER_META[k]: v for k, v in request["headers"].items() if k in HEADER_META}
    content_type = request["headers"].get("content-type", "application/octet-stream")
    body = request["data"] or ""
    return client.generic(request["method"], path, data=body, content_type=content_type, **extra)


def test_readme_has_examples():
    commands = readme_commands()
    assert len(commands) >= 10
    assert all("Authorization: Token $TOKEN" in c or "auth/token" in c for c in commands)


def test_readme_examples_run(world):
    make_member(world.agencies["own"], Role.SUPERVISOR, username="kg-cus.supervisor", password="demo-supervisor")
    client = APIClient()
    variables = {"TOKEN": "", "CASE_ID": str(world.cases["own"].pk)}
    created = None
    for command in readme_commands():
        request = parse_curl(command, variables)
        response = run(client, request)
        assert 200 <= response.status_code < 300, (command, response.status_code, response.content[:500])
        if request["url"].endswith("/auth/token/"):
            variables["TOKEN"] = response.json()["token"]
        elif request["method"] == "POST" and request["url"].endswith("/api/v1/cases/"):
            created = response.json()
            assert created["items"][0]["taxon_name"] == "Saiga tatarica"
            variables["CASE_ID"] = str(created["id"])
        elif request["output"]:
            content = b"".join(response.streaming_content)
            assert content, command
        elif "q=%D1%81%D0%B0%D0%B9%D0%B3%D0%B0%D0%BA" in (urlencode(request["urlencoded"]) or ""):
            assert [r["scientific_name"] for r in response.json()["results"]] == ["Saiga tatarica"]
        else:
            json.loads(response.content)
    assert created is not None
    from seizures.models import Case

    voided = Case.objects.get(pk=created["id"])
    assert voided.is_voided and voided.void_reason == "Entered twice"
    assert list(voided.shared_with_agencies.values_list("code", flat=True)) == ["KG-BGS"]
