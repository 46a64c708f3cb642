def test_household_fixture_creates_cases_for_adults_only(household):
    members = {p.first_name: p for p in household.members.all()}
    assert hasattr(members["Amal"], "case") and hasattr(members["Omar"], "case")
    assert not hasattr(members["Lina"], "case")
