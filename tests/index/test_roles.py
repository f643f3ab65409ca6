from index.roles import may


def test_each_role_may_do_what_the_roles_below_it_may():
    assert may("admin", "archivist") and may("admin", "reader")
    assert may("archivist", "archivist") and not may("archivist", "admin")
    assert may("reader", "reader") and not may("reader", "archivist")
    assert not may(None, "reader") and not may("owner", "reader")
