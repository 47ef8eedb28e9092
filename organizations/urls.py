from django.urls import path

from organizations.views import coalitions, organizations, profile, units

app_name = "organizations"
urlpatterns = [
    path("coalitions/", coalitions.coalition_list, name="coalition_list"),
    path("coalitions/new/", coalitions.CoalitionCreateView.as_view(), name="coalition_create"),
    path("coalitions/<int:pk>/", coalitions.coalition_detail, name="coalition_detail"),
    path("coalitions/<int:pk>/edit/", coalitions.CoalitionEditView.as_view(),
         name="coalition_edit"),
    path("coalitions/<int:pk>/organizations/new/", coalitions.CoalitionMemberAddView.as_view(),
         name="coalition_member_add"),
    path("memberships/<int:pk>/edit/", coalitions.MembershipEditView.as_view(),
         name="membership_edit"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.OrganizationCreateView.as_view(),
         name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail,
         name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.OrganizationEditView.as_view(),
         name="organization_edit"),
    path("organizations/<int:pk>/lineage/new/", profile.LineageAddView.as_view(),
         name="lineage_add"),
    path("organizations/<int:pk>/publications/new/", profile.PublicationAddView.as_view(),
         name="publication_add"),
    path("organizations/<int:pk>/sisters/new/", profile.SisterLinkAddView.as_view(),
         name="sister_link_add"),
    path("organizations/<int:pk>/offices/new/", profile.PublicOfficeAddView.as_view(),
         name="public_office_add"),
    path("organizations/<int:pk>/affiliates/new/", profile.AffiliateAddView.as_view(),
         name="affiliate_add"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/units/new/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/edit/", units.UnitEditView.as_view(), name="unit_edit"),
    path("units/<int:pk>/move/", units.UnitMoveView.as_view(), name="unit_move"),
]
