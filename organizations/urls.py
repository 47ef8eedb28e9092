from django.urls import path

from organizations.views import coalitions, organizations, profile, units

app_name = "organizations"
urlpatterns = [
    path("coalitions/", coalitions.coalition_list, name="coalition_list"),
    path("coalitions/new/", coalitions.CoalitionCreateView.as_view(), name="coalition_create"),
    path("coalitions/<uuid:uid>/", coalitions.coalition_detail, name="coalition_detail"),
    path("coalitions/<uuid:uid>/edit/", coalitions.CoalitionEditView.as_view(),
         name="coalition_edit"),
    path("coalitions/<uuid:uid>/organizations/new/", coalitions.CoalitionMemberAddView.as_view(),
         name="coalition_member_add"),
    path("memberships/<uuid:uid>/edit/", coalitions.MembershipEditView.as_view(),
         name="membership_edit"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.OrganizationCreateView.as_view(),
         name="organization_create"),
    path("organizations/<uuid:uid>/", organizations.organization_detail,
         name="organization_detail"),
    path("organizations/<uuid:uid>/edit/", organizations.OrganizationEditView.as_view(),
         name="organization_edit"),
    path("organizations/<uuid:uid>/lineage/new/", profile.LineageAddView.as_view(),
         name="lineage_add"),
    path("organizations/<uuid:uid>/sisters/new/", profile.SisterLinkAddView.as_view(),
         name="sister_link_add"),
    path("organizations/<uuid:uid>/offices/new/", profile.PublicOfficeAddView.as_view(),
         name="public_office_add"),
    path("organizations/<uuid:uid>/affiliates/new/", profile.AffiliateAddView.as_view(),
         name="affiliate_add"),
    path("units/<uuid:uid>/", units.unit_detail, name="unit_detail"),
    path("units/<uuid:uid>/units/new/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<uuid:uid>/edit/", units.UnitEditView.as_view(), name="unit_edit"),
    path("units/<uuid:uid>/move/", units.UnitMoveView.as_view(), name="unit_move"),
]
