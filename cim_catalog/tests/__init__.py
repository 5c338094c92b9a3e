from . import (
    test_access,
    test_gallery,
    test_product_unlink,
    test_style_flags,
    test_translations,
    test_visibility,
)
