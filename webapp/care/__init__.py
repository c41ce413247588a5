"""The registry of vulnerable people (关爱对象): left-behind elderly and children, disabled people,
low-income households; who cares for each; care visits on a schedule, reminded and escalated."""
from flask import Blueprint

bp = Blueprint("care", __name__)
