"""What the fuzzing tests send: random, hostile and foreign values, and
values that CIM's rules always refuse. Shared by every test_fuzz_* module."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = 25
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_STRINGS = [
    "",
    " ",
    "-1",
    "0",
    "1e9",
    "99999999999999999999",
    "NaN",
    "１２",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "'; DROP TABLE sale_order; --",
    "../../etc/passwd",
    "null",
    "[]",
    "{}",
    "\u202e\u0000",
]


def hostile():
    """Any text a form field may receive."""
    return st.one_of(
        st.sampled_from(HOSTILE_STRINGS),
        st.text(max_size=300),
        st.integers(min_value=-(10**15), max_value=10**15).map(str),
    )


def hostile_json():
    """Any value a JSON-RPC parameter may receive."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        # JSON has no NaN nor infinity: a client cannot send them.
        st.floats(allow_nan=False, allow_infinity=False),
        hostile(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=8,
    )


def path_segment():
    """An id in a URL that is not a record of the reseller's: anything that
    stays one path segment (/ ? # would make another URL, not another id)."""
    return st.one_of(
        st.from_regex(r"\A[A-Za-z0-9._~-]{1,24}\Z"),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
    )


def bad_quantity():
    """A quantity the cart always refuses."""
    return st.one_of(
        st.sampled_from(["", "0", "-1", "-0", "10001", "1e3", "1.5", "NaN", "abc", "１２"]),
        st.integers(max_value=0).map(str),
        st.integers(min_value=10_001).map(str),
    )


def bad_name():
    """An end customer's name the rules always refuse."""
    return st.one_of(
        st.sampled_from(["", "   ", "<b>x</b>", "a<b", "x>y", "n" * 129]),
        st.text(min_size=1, max_size=50).map(lambda text: f"<{text}>"),
    )


def bad_note():
    """A delivery note the rules always refuse: markup, or too long."""
    return st.one_of(
        st.text(max_size=40).map(lambda text: f"{text}<{text}"),
        st.text(max_size=40).map(lambda text: f"{text}>"),
        st.just("n" * 1001),
    )
