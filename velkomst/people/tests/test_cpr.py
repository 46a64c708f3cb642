from datetime import date

import pytest
from django.core.exceptions import ValidationError

from velkomst.people.validators import cpr_birth_date, validate_cpr


@pytest.mark.parametrize(
    "cpr,born",
    [
        ("1403881234", date(1988, 3, 14)),
        ("0101004123", date(2000, 1, 1)),
        ("0101374123", date(1937, 1, 1)),
        ("2902205678", date(2020, 2, 29)),
        ("0101585000", date(1858, 1, 1)),
    ],
)
def test_cpr_encodes_the_birth_date_with_its_century(cpr, born):
    assert cpr_birth_date(cpr) == born


@pytest.mark.parametrize("bad", ["123", "14038812345", "3102881234", "2902215678", "14o3881234"])
def test_invalid_cpr_is_refused_with_a_message(bad):
    with pytest.raises(ValidationError):
        validate_cpr(bad)
