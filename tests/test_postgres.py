"""A PostgreSQL gradebook (nbgrader's db_url) holds the same rows as the SQLite one."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, free_port, gradebook_rows as rows, make_course

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = [pytest.mark.skipif(not PG_BIN or os.getuid() != 0 or shutil.which("runuser") is None,
                                 reason="needs Debian's postgresql package and root (.ci/run installs it)"),
              pytest.mark.slow, pytest.mark.integration]  # its own PostgreSQL server and a class graded twice (~90 s)


def as_postgres(*command, **kw):
    return subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def postgres():
    bin_dir = PG_BIN[-1]
    data = Path(tempfile.mkdtemp(prefix="autograder-pg-"))  # directly in /tmp: the postgres user must reach it
    shutil.chown(data, "postgres", "postgres")
    as_postgres(f"{bin_dir}/initdb", "-D", str(data / "db"), "--auth=trust", "--username=grader", "-E", "UTF8")
    port = free_port()
    as_postgres(f"{bin_dir}/pg_ctl", "-D", str(data / "db"), "-w", "-l", str(data / "log"),
                "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start")
    try:
        as_postgres(f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "grader", "gradebook")
        yield f"postgresql://grader@127.0.0.1:{port}/gradebook"
    finally:
        as_postgres(f"{bin_dir}/pg_ctl", "-D", str(data / "db"), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)


def test_postgres_gradebook_has_the_same_rows_as_sqlite(tmp_path, postgres):
    from nbgrader.api import Gradebook

    root = make_course(tmp_path / "course")
    for db in (None, postgres):
        command = [sys.executable, "-m", "autograder", *(["--db", db] if db else []), "grade", ASSIGNMENT, "--force"]
        done = subprocess.run(command, cwd=root, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    with Gradebook(postgres) as gb:
        in_postgres = {(s.student.id, g.name): g.auto_score
                       for s in gb.assignment_submissions(ASSIGNMENT) for n in s.notebooks for g in n.grades}
    assert in_postgres == rows(root) and len(in_postgres) == 5 * 6
