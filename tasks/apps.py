from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"

    def ready(self) -> None:
        # The contact lists' bulk actions and "task state" filter: registered once, here,
        # so that fieldwork knows nothing of tasks (no logic in signals).
        from fieldwork.filters import add_contact_filter
        from tasks.bulk import register_bulk_actions
        from tasks.contact_filters import task_state_filter

        register_bulk_actions()
        add_contact_filter("task", task_state_filter())
