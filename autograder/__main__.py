"""``python -m autograder``: the command line (``cli.py``)."""
import sys

from .pool import grades_with_a_pool, start_fork_servers_early, start_forkserver

if grades_with_a_pool(sys.argv[1:]):
    start_forkserver()  # it imports torch for the pool while this process imports nbgrader (most of a second)
if sys.argv[1:2] == ["grade"]:
    start_fork_servers_early(sys.argv[1:])  # the sandboxed ones, likewise

from .cli import main  # noqa: E402

sys.exit(main())
