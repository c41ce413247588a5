"""What every service shares: the error a rule violation raises, with a message in Chinese
that the view shows beside the form, and nothing written."""


class ServiceError(Exception):
    """A write refused because it breaks a rule. The message is for the person."""

    def __init__(self, message, field: str | None = None):
        # A plain string, never a lazy one: Jinja trusts lazy strings as markup, and a
        # message may carry a value the person typed (a file name), which must be escaped.
        self.message = str(message)
        super().__init__(self.message)
        self.field = field


def show_on_form(form, error: ServiceError) -> None:
    """Put a service's refusal beside the field it concerns, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
