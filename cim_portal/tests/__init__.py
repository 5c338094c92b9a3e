from . import test_login_and_home, test_my_customers, test_translations
