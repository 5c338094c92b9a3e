from odoo.exceptions import ValidationError


class FieldValidationError(ValidationError):
    """Bad input, told field by field.

    ``errors`` maps a field name to its translated message, so that a form
    can show each message next to its field; RPC clients get the messages
    joined, like any ValidationError.
    """

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))
