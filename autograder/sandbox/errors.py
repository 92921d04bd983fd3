"""The two ways a worker can fail: the student's doing, or the grading machine's."""


class WorkerGone(Exception):
    """The worker died or overran its time; the message says which, for the student."""


class GraderBroken(Exception):
    """The grading machine cannot run workers (the fork server will not start, CUDA fails in the sandbox):
    no student's fault, so nothing is recorded and the next run grades again."""
