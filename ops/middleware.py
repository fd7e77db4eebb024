"""Answers /health/, /ready/ and /metrics before any other middleware.

They are asked by load balancers, container healthchecks and Prometheus over plain HTTP inside the
deployment's network, with whatever Host header those send: answering here, first, keeps them independent of
ALLOWED_HOSTS, the HTTPS redirect, sessions, language and authentication. /health/ touches nothing (the
process answers); /ready/ checks each component; /metrics is for the internal network or a bearer token.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class OpsEndpointsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path == "/health/":
            return _no_store(JsonResponse({"status": "ok"}))
        if path == "/ready/":
            from .checks import readiness

            ready, body = readiness()
            return _no_store(JsonResponse(body, status=200 if ready else 503))
        if path in ("/metrics", "/metrics/"):
            if not metrics_allowed(request):
                return JsonResponse({"detail": "Metrics are for the internal network or a metrics token."},
                                    status=403)
            return _no_store(metrics_response())
        return self.get_response(request)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def metrics_allowed(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if token and auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip(), token):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False)
               for net in getattr(settings, "METRICS_ALLOWED_NETWORKS", []))


def metrics_response() -> HttpResponse:
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    from .metrics import OpsCollector, register

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # every gunicorn worker's request metrics
        registry.register(OpsCollector())
    else:
        register()
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def health_json() -> str:
    from .checks import readiness

    return json.dumps(readiness()[1], indent=2)
