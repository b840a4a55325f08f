#!/usr/bin/env python3
"""Executes every notebooks/*.ipynb headless on a copy in OUT_DIR and fails on any error.

usage: execute_notebooks.py SOURCE_DIR OUT_DIR

A notebook fails when a cell raises (nbclient stops there), when a cell writes to
stderr (a warning in a committed notebook is a defect too), or when it neither draws a
plot nor says that an input is missing (a notebook that shows nothing).
The kernels get QC_SOURCE_DIR=SOURCE_DIR, which is where the notebooks read inputs.
"""

import os
import pathlib
import shutil
import sys

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
except ImportError as error:
    sys.exit(f"execute_notebooks: {error}; install python3-nbconvert and python3-ipykernel "
             "(deploy/install-deps.sh)")

MISSING_NOTE = "Input missing"


def problems_in(nb):
    """What is wrong with an executed notebook, as readable lines."""
    found, plots, notes = [], 0, 0
    for number, cell in enumerate(nb.cells, 1):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            plots += "image/png" in data or "image/svg+xml" in data
            notes += MISSING_NOTE in data.get("text/markdown", "")
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {number} wrote to stderr: {output.get('text', '')[:300]}")
    if plots == 0 and notes == 0:
        found.append("no plot and no 'Input missing' note: the notebook shows nothing")
    return found


def execute(path, out_dir):
    copy = out_dir / path.name
    shutil.copyfile(path, copy)
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(out_dir)}})
    try:
        client.execute()
        failures = problems_in(nb)
    except CellExecutionError as error:
        failures = [str(error).strip().splitlines()[-1]]
    nbformat.write(nb, copy)
    return failures


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out_dir = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    notebooks = sorted((source / "notebooks").glob("*.ipynb"))
    if not notebooks:
        sys.exit(f"execute_notebooks: no notebooks under {source / 'notebooks'}")
    os.environ["QC_SOURCE_DIR"] = str(source)
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in notebooks:
        failures = execute(path, out_dir)
        print(f"{'FAIL' if failures else 'ok  '} {path.name}")
        for line in failures:
            print(f"     {line}")
        failed += bool(failures)
    print(f"{len(notebooks) - failed} of {len(notebooks)} notebooks ran clean; "
          f"executed copies in {out_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
