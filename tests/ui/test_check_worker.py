"""The background check worker: loads off the UI thread, checks ranges, drops stale results."""

import threading
import time

import pytest

from desk.lexicon import load_lexicon
from desk.ui.check_worker import CheckWorker, starter_lexicon
from tests.ui.conftest import SMALL_LEXICON, TIMEOUT_MS, block_until_answered


def test_the_lexicon_loads_on_the_worker_thread_and_the_ui_thread_does_not_wait(
    qtbot, start_worker
):
    loaded_on = []

    def slow_load():
        loaded_on.append(threading.current_thread())
        time.sleep(0.5)
        return SMALL_LEXICON

    worker = CheckWorker(slow_load)
    began = time.perf_counter()
    with qtbot.waitSignal(worker.loaded, timeout=TIMEOUT_MS) as loaded:
        worker.start()
        assert time.perf_counter() - began < 0.2  # start() only starts the thread
    assert worker.stop(TIMEOUT_MS)
    assert loaded_on and loaded_on[0] is not threading.main_thread()
    assert loaded.args == [len(SMALL_LEXICON), SMALL_LEXICON.content_hash]


def test_a_range_is_checked_and_its_findings_come_back_in_field_offsets(qtbot, worker):
    text = "请立即清理百 家 樂广告"
    with qtbot.waitSignal(worker.checked, timeout=TIMEOUT_MS) as checked:
        generation = worker.request("body", text, 100, 100 + len(text))
    result_generation, field, start, end, findings = checked.args
    assert (result_generation, field, start, end) == (generation, "body", 100, 112)
    [finding] = findings
    assert (finding.start, finding.end, finding.text) == (105, 110, "百 家 樂")
    assert finding.explanation == ("繁→简", "忽略空格")


def test_a_stale_result_is_never_delivered(qtbot, worker):
    results = []
    worker.checked.connect(lambda generation, *_: results.append(generation))
    wait_for_answer = block_until_answered(worker)
    stale = worker.request("body", "百家乐", 0, 3)
    wait_for_answer()  # the UI thread is busy: the worker finishes and queues the stale result
    current = worker.request("body", "澳门赌场", 0, 4)
    with qtbot.waitSignal(worker.checked, timeout=TIMEOUT_MS):
        pass
    qtbot.wait(50)
    assert stale < current
    assert results == [current]


def test_a_newer_request_for_another_field_does_not_make_a_result_stale(qtbot, worker):
    results = []
    worker.checked.connect(lambda generation, field, *_: results.append(field))
    with qtbot.waitSignals([worker.checked, worker.checked], timeout=TIMEOUT_MS):
        worker.request("body", "百家乐", 0, 3)
        worker.request("title", "震惊", 0, 2)
    assert sorted(results) == ["body", "title"]


def test_a_lexicon_that_does_not_load_is_reported(qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,severity\n百家乐,maybe\n", encoding="utf-8")
    worker = CheckWorker(lambda: load_lexicon(bad))
    with qtbot.waitSignal(worker.load_failed, timeout=TIMEOUT_MS) as failed:
        worker.start()
    assert worker.stop(TIMEOUT_MS)
    assert "bad.csv:2" in failed.args[0]


@pytest.mark.slow
def test_the_starter_lexicon_checks_with_its_suggestions(qtbot, start_worker):
    worker = start_worker(starter_lexicon)
    with qtbot.waitSignal(worker.checked, timeout=TIMEOUT_MS) as checked:
        worker.request("body", "请对照国家工商行政管理总局的要求自查", 0, 18)
    [finding] = checked.args[4]
    assert finding.suggestion == "国家市场监督管理总局"
    assert (finding.start, finding.end) == (3, 13)
