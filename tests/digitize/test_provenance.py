import pytest

from digitize.provenance import StageLog, package_version


def test_each_finished_stage_is_kept_with_its_tool_settings_and_time():
    log = StageLog()
    with log.stage("ocr", "tesseract", "5.3.0", lang="vie", psm=3):
        pass
    [run] = log.runs
    assert (run.stage, run.tool, run.version, run.parameters) == (
        "ocr",
        "tesseract",
        "5.3.0",
        {"lang": "vie", "psm": 3},
    )
    assert 0 <= run.seconds < 1 and log.current is None


def test_a_stage_may_name_its_tool_once_it_knows_it():
    log = StageLog()
    with log.stage("load", "pillow", "11.0", mode="skip") as load:
        load.tool, load.version = "pypdfium2", "4.30"
        load.parameters["render_dpi"] = 300
    assert (log.runs[0].tool, log.runs[0].version, log.runs[0].parameters) == (
        "pypdfium2",
        "4.30",
        {"mode": "skip", "render_dpi": 300},
    )


def test_the_stage_an_error_stopped_is_named():
    log = StageLog()
    with log.stage("load", "pillow", "11.0"):
        pass
    with pytest.raises(ValueError), log.stage("preprocess", "digitize", "0.1.0"):
        raise ValueError("no ink")
    assert [run.stage for run in log.runs] == ["load"] and log.current == "preprocess"


def test_versions_come_from_the_installed_packages():
    assert package_version("digitize").count(".") >= 1
    assert package_version("no-such-distribution") == "unknown"
