from django.urls import path

from . import views

urlpatterns = [
    path("households/<int:pk>/move/", views.household_move, name="handover-move"),
    path("handovers/", views.inbox, name="handover-inbox"),
    path("handovers/<int:pk>/", views.detail, name="handover-detail"),
    path("handovers/<int:pk>/accept/", views.accept, name="handover-accept"),
    path("handovers/<int:pk>/return/", views.return_, name="handover-return"),
]
