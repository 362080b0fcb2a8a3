from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from health.checks import run_checks
from health.memory import memory_report


class HealthView(APIView):
    """Database, cache and media disk; 503 naming whatever is down (the reasons are logged, not shown)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []

    @extend_schema(
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.ChoiceField(["ok", "error"]),
                "checks": serializers.DictField(
                    child=inline_serializer("HealthCheck", {"ok": serializers.BooleanField()})
                ),
                "detail": serializers.CharField(required=False),
            },
        )
    )
    def get(self, request):
        results = run_checks()
        down = [name for name, ok in results.items() if not ok]
        body = {"status": "error" if down else "ok", "checks": {name: {"ok": ok} for name, ok in results.items()}}
        if down:
            body["detail"] = f"Unavailable: {', '.join(down)}"
        return Response(body, status=503 if down else 200)


class MemoryHealthView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []

    @extend_schema(
        responses=inline_serializer(
            "MemoryHealth",
            {
                "total_gb": serializers.FloatField(),
                "available_gb": serializers.FloatField(),
                "used_percent": serializers.FloatField(),
                "used_gb": serializers.FloatField(),
                "threshold_percent": serializers.FloatField(),
                "critical_percent": serializers.FloatField(),
                "status": serializers.ChoiceField(["ok", "warning", "critical"]),
                "source": serializers.ChoiceField(["cgroup", "host"]),
                "process_rss_mb": serializers.FloatField(),
            },
        )
    )
    def get(self, request):
        return Response(memory_report())
