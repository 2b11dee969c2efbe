from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "designer.realtime"
    label = "realtime"

    def ready(self) -> None:
        from designer.runs.events import events_committed, run_announced

        from .publisher import publisher

        # The event log says what happened once it is committed; publishing is ours.
        events_committed.connect(publisher.on_events, dispatch_uid="realtime.events")
        run_announced.connect(publisher.on_announce, dispatch_uid="realtime.announce")
