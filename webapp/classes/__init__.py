"""Classes (为村课堂) and party-member learning: short lessons light on data, a villager's
progress, the party branch's view of its members' study."""
from flask import Blueprint

bp = Blueprint("classes", __name__)
