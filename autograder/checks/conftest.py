"""Settings shared by every assignment's hidden checks.

Derandomized hypothesis makes a submission's score the same on every run and
every machine; no example database is written next to the checks.  A failing
check is not shrunk: the student reads the check's message, not the example,
and shrinking would call a broken submission hundreds of times.
"""
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "grading",
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("grading")
