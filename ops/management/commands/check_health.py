from django.core.management.base import BaseCommand, CommandError

from ops.checks import readiness


class Command(BaseCommand):
    help = "Print the readiness of database, broker, worker and media storage (as /ready/); exit 1 when not ready."

    def handle(self, *args, **opts):
        ready, body = readiness()
        for name, state in body["components"].items():
            detail = f" — {state['detail']}" if state.get("detail") else ""
            self.stdout.write(f"{name:9} {state['status']}{detail}")
        if not ready:
            raise CommandError(f"not ready: {', '.join(body['failed'])}")
        self.stdout.write("ready")
