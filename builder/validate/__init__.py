"""Validate: records -> one frozen Site, or every problem: fields, cross-checks, Delphi
integrity, links and content safety."""

from builder.validate.site import validate

__all__ = ["validate"]
