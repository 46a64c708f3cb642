from django.urls import path

from . import views

urlpatterns = [
    path("households/<int:pk>/plan/", views.plan_detail, name="household-plan"),
    path("households/<int:pk>/plan/tasks/new/", views.task_add, name="plan-task-add"),
    path("tasks/mine/", views.my_tasks, name="my-tasks"),
    path("tasks/<int:pk>/done/", views.task_done, name="task-done"),
    path(
        "tasks/<int:pk>/checklist/<int:item_pk>/",
        views.checklist_item,
        name="task-checklist-item",
    ),
    path("tasks/<int:pk>/not-relevant/", views.task_not_relevant, name="task-not-relevant"),
    path("tasks/<int:pk>/reopen/", views.task_reopen, name="task-reopen"),
    path("tasks/<int:pk>/remove/", views.task_remove, name="task-remove"),
    path("worklist/", views.worklist, name="worklist"),
    path("plan-templates/", views.template_list, name="plan-template-list"),
    path("plan-templates/<int:pk>/", views.template_detail, name="plan-template-detail"),
    path("plan-templates/<int:pk>/active/", views.template_active, name="plan-template-active"),
    path(
        "plan-templates/<int:pk>/tasks/new/",
        views.template_task_add,
        name="plan-template-task-add",
    ),
    path("template-tasks/<int:pk>/edit/", views.template_task_edit, name="template-task-edit"),
    path(
        "template-tasks/<int:pk>/delete/", views.template_task_delete, name="template-task-delete"
    ),
]
