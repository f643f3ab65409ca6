from digitize.metadata import confidence
from digitize.metadata.confidence import DISPUTED, GIVEN, TRUSTED
from digitize.metadata.model import Field, Metadata


def test_the_levels_are_steps_from_certain_to_impossible():
    levels = [value for name, value in vars(confidence).items() if name.isupper()]
    assert levels == sorted(levels, reverse=True) and len(set(levels)) == len(levels)
    assert 0 < DISPUTED < GIVEN < TRUSTED < 1


def test_a_value_is_given_from_the_given_level_and_a_disputed_one_is_not():
    metadata = Metadata(number=Field("12/QĐ-UBND", GIVEN), date=Field("2023-06-14", DISPUTED))
    assert metadata.given("number") == "12/QĐ-UBND"
    assert metadata.given("date") is None
