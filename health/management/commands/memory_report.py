import json

from django.core.management.base import BaseCommand

from health.memory import memory_report


class Command(BaseCommand):
    help = "Memory as the guard sees it (cgroup limit when one applies), its status and this process's RSS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="Print the fields of GET /api/health/memory as JSON."
        )

    def handle(self, *args, as_json, **options):
        report = memory_report()
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(
            f"Memory ({report['source']}): {report['used_gb']} of {report['total_gb']} GiB used "
            f"({report['used_percent']}%), {report['available_gb']} GiB available"
        )
        style = {"ok": self.style.SUCCESS, "warning": self.style.WARNING}.get(report["status"], self.style.ERROR)
        self.stdout.write(
            style(
                f"Status: {report['status']} (writes refused from {report['threshold_percent']}%, "
                f"everything but health from {report['critical_percent']}%)"
            )
        )
        self.stdout.write(f"This process: RSS {report['process_rss_mb']} MiB")
