"""The village micro-power list (小微权力清单): each procedure with its steps, who decides at
each and the time allowed; a live matter follows its procedure step by step, in public."""
from flask import Blueprint

bp = Blueprint("powers", __name__)
