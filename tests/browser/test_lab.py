"""JupyterLab as a person uses it: open the quotes notebook, Run All Cells from the menu, and
see the table and the chart. The server works on a copy of notebooks/, so nothing is saved
into the committed notebooks."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from medialens.paths import notebooks_dir

TOKEN = "medialens-browser-test"
NOTEBOOK = "02_quotes.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer {url} in {timeout} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def lab(tmp_path: Path):
    """A JupyterLab server on a free localhost port over a copy of notebooks/; its `out`
    default (outputs/notebooks) resolves inside the copy. Yields the server's base URL."""
    root = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (root / "outputs" / "notebooks").mkdir(parents=True)
    # no "official Jupyter news?" toast over the screenshots
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "TQDM_DISABLE": "1",
    }
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
             *(["--allow-root"] if os.geteuid() == 0 else [])],  # CI runs as root
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={TOKEN}", proc, log)
        yield base, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the server's own process group: its kernels
            proc.wait()


def test_quotes_notebook_runs_in_jupyterlab_and_shows_its_table_and_chart(lab, browser, screenshots: Path):
    base, root = lab
    committed = (notebooks_dir() / NOTEBOOK).read_bytes()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={TOKEN}")
        page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
        # the kernel started and idle (before that, Run All would ask which kernel to start)
        page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"Python 3.*\| Idle")).first.wait_for(timeout=60_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        # every code cell numbered, none still waiting or running ([*])
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=90_000,
        )
        page.locator(".jp-OutputArea-output img").first.wait_for(timeout=30_000)
        page.locator(".ml-quotes[data-ready]").first.wait_for(timeout=30_000)  # the interactive quote table, built
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count()
        traceback = page.locator(".jp-OutputArea-output", has_text="Traceback").count()
        images = page.eval_on_selector_all(".jp-OutputArea-output img", "els => els.map(e => [e.complete, e.naturalWidth, e.alt])")
        rows = page.eval_on_selector_all(".jp-RenderedHTMLCommon table", "els => els.map(t => t.querySelectorAll('tbody tr').length)")
        table_text = " ".join(page.eval_on_selector_all(".jp-RenderedHTMLCommon table", "els => els.map(t => t.innerText)"))
        quote_rows = page.locator(".jp-RenderedHTMLCommon .ml-quotes-table tbody tr").count()
        page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "jupyterlab_02_quotes.png"))
    finally:
        page.close()
    assert errors == 0 and traceback == 0
    assert images and all(complete and width > 0 and alt.startswith("Bar chart: Quotes by kind") for complete, width, alt in images)
    assert len(rows) >= 2 and all(n > 0 for n in rows)
    assert "Sergei Lavrov" in table_text and "direct" in table_text
    assert quote_rows > 0
    assert (root / "outputs" / "notebooks" / "quotes_selected.csv").exists()  # the run wrote into the copy
    assert (notebooks_dir() / NOTEBOOK).read_bytes() == committed
