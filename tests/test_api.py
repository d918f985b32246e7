import subprocess
import sys

import mapper


def test_public_api_is_what_it_should_be():
    assert sorted(mapper.__all__) == sorted(
        [
            "Article",
            "Evidence",
            "Gazetteer",
            "Incident",
            "InputError",
            "IraqGazetteer",
            "MapperError",
            "Mention",
            "Place",
            "__version__",
            "extract_incidents",
            "to_geodataframe",
        ]
    )
    for name in mapper.__all__:
        assert getattr(mapper, name) is not None


def test_errors_can_be_caught_as_builtins():
    assert issubclass(mapper.InputError, ValueError)
    assert issubclass(mapper.InputError, mapper.MapperError)


def test_version_and_help_from_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "mapper", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"mapper {mapper.__version__}"
    helped = subprocess.run(
        [sys.executable, "-m", "mapper", "map", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--out" in helped.stdout and "exit status" in helped.stdout
