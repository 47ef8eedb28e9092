from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.my_jobs, name="my_jobs"),
    path("jobs/<uuid:uid>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:uid>/cancel/", views.job_cancel, name="job_cancel"),
]
