"""Settings shared by every assignment's hidden checks.

Derandomized hypothesis makes a submission's score the same on every run and
every machine; no example database is written next to the checks.
"""
from hypothesis import HealthCheck, settings

settings.register_profile(
    "grading",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("grading")
