from . import test_deliberate_failure
