"""The ``autograder`` command and ``python -m autograder``: what a grading run needs first, then the command line
(``cli.py``)."""
import sys


def main() -> int:
    """Start what the command's gradings will wait for, before importing the command line (nbgrader: a second)."""
    from .pool import grades_with_a_pool, start_fork_servers_early, start_forkserver

    argv = sys.argv[1:]
    if grades_with_a_pool(argv):
        start_forkserver()  # multiprocessing's, which imports torch for the pool's processes
    if argv[:1] == ["grade"]:
        start_fork_servers_early(argv)  # the sandboxed ones, which import torch for the workers
    from .cli import main as command_line

    return command_line()


if __name__ == "__main__":
    sys.exit(main())
