from digitize.printable import printable


def test_controls_separators_and_overrides_are_escaped_vietnamese_kept():
    assert printable("Sắc phong hoà.pdf") == "Sắc phong hoà.pdf"
    assert printable("a\nfailed: b\r\t\x1b[2J") == "a\\nfailed: b\\r\\t\\x1b[2J"
    assert printable("x\u2028y\u202ez\x85") == "x\\u2028y\\u202ez\\x85"
    assert printable("ti\u200dng") == "ti\u200dng"  # a joiner is text, not a control


def test_a_byte_that_was_not_utf8_is_shown_as_that_byte():
    assert printable("scan\udcff.tif") == "scan\\xff.tif"
    assert printable("scan\udcff.tif").encode("utf-8")
