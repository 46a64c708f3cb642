from django.urls import path

from . import views

urlpatterns = [
    path("strategy/", views.strategy_current, name="strategy-current"),
    path("strategy/versions/", views.version_list, name="strategy-versions"),
    path("strategy/versions/new/", views.draft_new, name="strategy-draft-new"),
    path("strategy/versions/<int:pk>/", views.version_detail, name="strategy-version"),
    path("strategy/versions/<int:pk>/edit/", views.draft_edit, name="strategy-draft-edit"),
    path("strategy/versions/<int:pk>/publish/", views.draft_publish, name="strategy-draft-publish"),
    path("strategy/versions/<int:pk>/preset/", views.draft_preset, name="strategy-draft-preset"),
    path("strategy/versions/<int:pk>/discard/", views.draft_discard, name="strategy-draft-discard"),
    path(
        "strategy/versions/<int:pk>/guideposts/new/",
        views.guidepost_new,
        name="strategy-guidepost-new",
    ),
    path(
        "strategy/guideposts/<int:pk>/edit/", views.guidepost_edit, name="strategy-guidepost-edit"
    ),
    path(
        "strategy/guideposts/<int:pk>/remove/",
        views.guidepost_remove,
        name="strategy-guidepost-remove",
    ),
    path(
        "strategy/guideposts/<int:pk>/move/", views.guidepost_move, name="strategy-guidepost-move"
    ),
    path(
        "strategy/guideposts/<int:pk>/indicators/new/",
        views.indicator_new,
        name="strategy-indicator-new",
    ),
    path(
        "strategy/indicators/<int:pk>/edit/", views.indicator_edit, name="strategy-indicator-edit"
    ),
    path(
        "strategy/indicators/<int:pk>/remove/",
        views.indicator_remove,
        name="strategy-indicator-remove",
    ),
    path(
        "strategy/indicators/<int:pk>/move/", views.indicator_move, name="strategy-indicator-move"
    ),
    path("strategy/figures/", views.figure_list, name="strategy-figures"),
    path("strategy/figures/<int:pk>/edit/", views.figure_edit, name="strategy-figure-edit"),
]
